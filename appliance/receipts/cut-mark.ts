/**
 * Printed where a receipt leaves something out to stay within its limits
 * (drivers/printer/layout/limits.ts): the full text is on the kiosk's screen (issue 15, HZ-03).
 */
import type { ReceiptLanguage } from './labels.ts';

export const CUT_MARK: Readonly<Record<ReceiptLanguage, string>> = {
  fr: "… suite à l'écran",
  en: '… continued on screen',
  de: '… Fortsetzung auf dem Bildschirm',
  es: '… continúa en la pantalla',
  it: '… continua sullo schermo',
};
