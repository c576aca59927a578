import { formatDate, formatDateTime, formatFileSize, formatNumber, formatTime, pageContents } from './filters';

describe('date filters', () => {
  it('formats calendar dates as written, GOV.UK style', () => {
    expect(formatDate('2027-03-01')).toBe('1 March 2027');
    expect(formatDate('2026-12-25')).toBe('25 December 2026');
  });

  it('formats instants as the date in Europe/London', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(formatDate('2027-06-30T23:30:00Z')).toBe('1 July 2027');
    // In winter London is on UTC.
    expect(formatDate('2027-01-31T23:30:00Z')).toBe('31 January 2027');
    expect(formatDate(new Date('2027-03-01T10:00:00Z'))).toBe('1 March 2027');
  });

  it('renders nothing for missing or invalid values', () => {
    expect(formatDate(undefined)).toBe('');
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('not a date')).toBe('');
    expect(formatDate('2026-02-30')).toBe('');
    expect(formatDate('2026-13-01')).toBe('');
    expect(formatDate('2028-02-29')).toBe('29 February 2028');
    expect(formatDate('0999-01-05')).toBe('5 January 0999');
    expect(formatDate('2027-02-30')).toBe('');
  });

  it('formats times GOV.UK style', () => {
    expect(formatTime('2027-01-10T09:00:00Z')).toBe('9am');
    expect(formatTime('2027-01-10T14:30:00Z')).toBe('2:30pm');
    expect(formatTime('2027-01-10T12:00:00Z')).toBe('midday');
    expect(formatTime('2027-01-10T00:00:00Z')).toBe('midnight');
    expect(formatDateTime('2027-07-10T13:05:00Z')).toBe('10 July 2027 at 2:05pm');
  });

  it('formats numbers with thousands separators', () => {
    expect(formatNumber(1400)).toBe('1,400');
    expect(formatNumber('1234567')).toBe('1,234,567');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('');
    expect(formatNumber('n/a')).toBe('n/a');
  });
});

describe('formatFileSize', () => {
  it('shows bytes below a kilobyte', () => {
    expect(formatFileSize(0)).toBe('0 bytes');
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(512)).toBe('512 bytes');
    expect(formatFileSize(1023)).toBe('1,023 bytes');
  });

  it('shows KB, MB and GB with at most one decimal place', () => {
    expect(formatFileSize(1024)).toBe('1 KB');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(1.2 * 1024 * 1024)).toBe('1.2 MB');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatFileSize(3 * 1024 ** 3)).toBe('3 GB');
    expect(formatFileSize('2048')).toBe('2 KB');
  });

  it('carries into the next unit when rounding reaches 1,024', () => {
    expect(formatFileSize(1024 * 1024 - 1)).toBe('1 MB');
  });

  it('renders nothing for missing or invalid values', () => {
    expect(formatFileSize(undefined)).toBe('');
    expect(formatFileSize(null)).toBe('');
    expect(formatFileSize(-1)).toBe('');
    expect(formatFileSize('big')).toBe('');
  });
});

describe('pageContents', () => {
  it('lists the section headings with ids, in order, keeping their escaped text and dropping tags', () => {
    const html =
      '<h2 class="govuk-heading-m" id="a">What you can do now</h2><p>x</p>' +
      '<h2 class="govuk-heading-s" id="small">Not a section</h2>' +
      '<h2 class="govuk-heading-m">No id</h2>' +
      '<h2 class="govuk-heading-m govuk-!-margin-top-6" id="b" tabindex="-1">Results &amp; <span class="x">baseline</span></h2>';
    expect(pageContents(html)).toEqual([
      { href: '#a', html: 'What you can do now' },
      { href: '#b', html: 'Results &amp; baseline' },
    ]);
    expect(pageContents(undefined)).toEqual([]);
  });
});
