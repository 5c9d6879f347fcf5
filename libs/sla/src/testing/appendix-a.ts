/** RULES Appendix A, "Italian national holidays 2026–2027", copied row by row. */
export const APPENDIX_A: Readonly<Record<2026 | 2027, ReadonlyArray<[string, string, string]>>> = {
  2026: [
    ['Capodanno', '2026-01-01', 'Thu'],
    ['Epifania', '2026-01-06', 'Tue'],
    ['Pasqua', '2026-04-05', 'Sun'],
    ["Lunedì dell'Angelo", '2026-04-06', 'Mon'],
    ['Festa della Liberazione', '2026-04-25', 'Sat'],
    ['Festa del Lavoro', '2026-05-01', 'Fri'],
    ['Festa della Repubblica', '2026-06-02', 'Tue'],
    ['Ferragosto', '2026-08-15', 'Sat'],
    ['San Francesco', '2026-10-04', 'Sun'],
    ['Ognissanti', '2026-11-01', 'Sun'],
    ['Immacolata', '2026-12-08', 'Tue'],
    ['Natale', '2026-12-25', 'Fri'],
    ['Santo Stefano', '2026-12-26', 'Sat'],
  ],
  2027: [
    ['Capodanno', '2027-01-01', 'Fri'],
    ['Epifania', '2027-01-06', 'Wed'],
    ['Pasqua', '2027-03-28', 'Sun'],
    ["Lunedì dell'Angelo", '2027-03-29', 'Mon'],
    ['Festa della Liberazione', '2027-04-25', 'Sun'],
    ['Festa del Lavoro', '2027-05-01', 'Sat'],
    ['Festa della Repubblica', '2027-06-02', 'Wed'],
    ['Ferragosto', '2027-08-15', 'Sun'],
    ['San Francesco', '2027-10-04', 'Mon'],
    ['Ognissanti', '2027-11-01', 'Mon'],
    ['Immacolata', '2027-12-08', 'Wed'],
    ['Natale', '2027-12-25', 'Sat'],
    ['Santo Stefano', '2027-12-26', 'Sun'],
  ],
};

/** Every Appendix A date, for reference computations independent of `date-holidays`. */
export const APPENDIX_A_DATES: ReadonlySet<string> = new Set(
  [...APPENDIX_A[2026], ...APPENDIX_A[2027]].map(([, date]) => date),
);
