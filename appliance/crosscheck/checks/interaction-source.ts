/**
 * The edition of the ANSM "Thésaurus des interactions médicamenteuses" the interaction rows were
 * checked against. Rows marked `reviewed: false` were transcribed but not yet checked against it.
 */
export const THESAURUS = {
  title: 'ANSM, Thésaurus des interactions médicamenteuses',
  edition: '2020-10',
  label: {
    fr: 'thésaurus ANSM, édition octobre 2020',
    en: 'ANSM thesaurus, October 2020 edition',
  },
} as const;
