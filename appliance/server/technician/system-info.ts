/**
 * The slice of `systeminformation` the diagnostics use, behind an interface so tests pass a fake.
 * Loaded lazily: nothing of it runs until a technician asks.
 */
type Raw<T> = Partial<T>;
/** The slice of `systeminformation` used here; tests pass a fake. */
export interface SystemInfoSource {
  cpu(): Promise<
    Raw<{ manufacturer: string; brand: string; cores: number; physicalCores: number; speed: number }>
  >;
  mem(): Promise<Raw<{ total: number; available: number; used: number }>>;
  fsSize(): Promise<
    Raw<{
      fs: string;
      type: string;
      size: number;
      used: number;
      use: number;
      mount: string;
      rw: boolean | null;
    }>[]
  >;
  cpuTemperature(): Promise<Raw<{ main: number | null; max: number | null }>>;
  networkInterfaces(): Promise<
    | Raw<{ iface: string; ip4: string; ip6: string; mac: string; operstate: string; internal: boolean }>[]
    | Raw<object>
  >;
  usb(): Promise<Raw<{ name: string; type: string; vendor: string; manufacturer: string; bus: number }>[]>;
  osInfo(): Promise<Raw<{ distro: string; release: string; kernel: string; arch: string; hostname: string }>>;
  time(): Raw<{ current: number; uptime: number; timezone: string }>;
}

/** The real source (targeted calls only; never `getStaticData`, ≈ 2 s). */
export async function systemInformation(): Promise<SystemInfoSource> {
  const si = (await import('systeminformation')).default;
  return {
    cpu: () => si.cpu(),
    mem: () => si.mem(),
    fsSize: () => si.fsSize(),
    cpuTemperature: () => si.cpuTemperature(),
    networkInterfaces: () => si.networkInterfaces(),
    usb: () => si.usb(),
    osInfo: () => si.osInfo(),
    time: () => si.time(),
  };
}
