import { neutraliseFormula } from './csv-safety';

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+44 20 7946 0000', '-2', '@SUM(A1)', '\tTAB', '\rCR', '=HYPERLINK("http://x","y")'])(
    'prefixes %j with a single quote',
    (value) => {
      expect(neutraliseFormula(value)).toBe(`'${value}`);
    },
  );

  it.each(['Aspire Sussex', 'Care, "together"', '', ' =leading space', "'quoted already", 'a=b', '2027-10-01'])(
    'leaves %j alone',
    (value) => {
      expect(neutraliseFormula(value)).toBe(value);
    },
  );
});
