import { escapeFormula } from './indemnity-queries';

describe('CSV export of the ledger (IND-12)', () => {
  it('quotes every cell a spreadsheet would run as a formula: =, +, -, @ (and tab, CR) at the start', () => {
    expect(['=1+1', '+39 02', '-2', '@SUM(A1)', '\tx', '\rx'].map(escapeFormula)).toEqual([
      "'=1+1",
      "'+39 02",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
    expect(['FW-2026-000142', 'a=b', ''].map(escapeFormula)).toEqual(['FW-2026-000142', 'a=b', '']);
  });
});
