import { dateInputItems, dateInputValues, parseDateInput } from './date-input';

const body = (day: string, month: string, year: string) => ({ 'd-day': day, 'd-month': month, 'd-year': year });
const opts = { name: 'd', label: 'the due date' };

describe('parseDateInput (GOV.UK date input)', () => {
  it('reads a real date, padding day and month', () => {
    expect(parseDateInput(body('1', '3', '2027'), opts)).toMatchObject({ value: '2027-03-01', empty: false });
    expect(parseDateInput(body(' 09 ', '12', '2027'), opts).value).toBe('2027-12-09');
  });

  it('is empty (no problem) when optional and nothing was typed, "Enter …" when required', () => {
    expect(parseDateInput(body('', '', ''), opts)).toEqual({ values: { day: '', month: '', year: '' }, empty: true });
    expect(parseDateInput({}, { ...opts, required: true }).problem).toMatchObject({
      text: 'Enter the due date',
      href: '#d-day',
      parts: ['day', 'month', 'year'],
    });
  });

  it('names the missing parts and highlights them', () => {
    expect(parseDateInput(body('1', '', '2027'), opts).problem).toMatchObject({
      text: 'The due date must include a month',
      href: '#d-month',
      parts: ['month'],
    });
    expect(parseDateInput(body('', '', '2027'), opts).problem).toMatchObject({
      text: 'The due date must include a day and month',
      parts: ['day', 'month'],
    });
  });

  it('refuses dates that do not exist, letters and short years', () => {
    expect(parseDateInput(body('31', '2', '2027'), opts).problem).toMatchObject({
      text: 'The due date must be a real date',
      parts: ['day'],
    });
    expect(parseDateInput(body('1', '13', '2027'), opts).problem).toMatchObject({
      text: 'The due date must be a real date',
      parts: ['month'],
    });
    expect(parseDateInput(body('x', '1', '2027'), opts).problem).toMatchObject({
      text: 'The due date must be a real date',
      parts: ['day'],
    });
    expect(parseDateInput(body('1', '1', '27'), opts).problem).toMatchObject({ text: 'Year must include 4 numbers', parts: ['year'] });
  });

  it('refuses past dates when asked (today in London is allowed)', () => {
    const now = new Date('2027-06-15T23:30:00Z'); // 16 June in London (BST)
    const o = { ...opts, notInPast: true, now };
    expect(parseDateInput(body('15', '6', '2027'), o).problem?.text).toBe('The due date must be today or in the future');
    expect(parseDateInput(body('16', '6', '2027'), o).value).toBe('2027-06-16');
  });

  it('round-trips a stored date into the input and marks parts in error', () => {
    expect(dateInputValues('2027-03-01')).toEqual({ day: '1', month: '3', year: '2027' });
    expect(dateInputValues(null)).toEqual({ day: '', month: '', year: '' });
    const items = dateInputItems({ day: '1', month: '', year: '2027' }, ['month']);
    expect(items.map((i) => [i.name, i.value, i.error])).toEqual([
      ['day', '1', false],
      ['month', '', true],
      ['year', '2027', false],
    ]);
  });
});
