import type { ErrorBody } from '@pathway/platform/errors/http-error.filter';

export interface ErrorPage {
  status: number;
  /** The h1, and the page title before " - Pathway". */
  heading: string;
  /** Paragraphs of plain text (escaped by the template). */
  paragraphs: string[];
  /** Messages from the error body worth showing (validation messages, the reason for a 403). */
  details: string[];
  /** Offer a link back to the start page. */
  showHomeLink: boolean;
}

export const CSRF_ERROR_CODE = 'EBADCSRFTOKEN';

function messagesOf(body: ErrorBody | undefined): string[] {
  if (!body) return [];
  const m = body.message;
  return (Array.isArray(m) ? m : [m]).filter((s): s is string => typeof s === 'string' && s.trim() !== '');
}

/** What a GOV.UK error page says for a status (content follows the Design System's page patterns). */
export function errorPageFor(status: number, body?: ErrorBody & { code?: string }): ErrorPage {
  const base = { status, details: [] as string[], showHomeLink: true };
  if (status === 404) {
    return {
      ...base,
      heading: 'Page not found',
      paragraphs: [
        'If you typed the web address, check it is correct.',
        'If you pasted the web address, check you copied the entire address.',
      ],
    };
  }
  if (status === 403 && body?.code === CSRF_ERROR_CODE) {
    return {
      ...base,
      heading: 'Your form could not be sent',
      paragraphs: [
        'This can happen if the page was open for a long time, or you signed in or out in another tab.',
        'Go back, reload the page and try again.',
      ],
    };
  }
  if (status === 403) {
    return { ...base, heading: 'You cannot do this', paragraphs: ['You do not have permission to do this.'], details: messagesOf(body) };
  }
  if (status === 429) {
    const seconds = typeof body?.retryAfter === 'number' ? body.retryAfter : 60;
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    const wait = minutes === 1 ? 'a minute' : `${minutes} minutes`;
    return {
      ...base,
      heading: 'Too many attempts',
      paragraphs: ['You have tried to do this too many times.', `Wait ${wait} and try again.`],
    };
  }
  if (status === 409 || status === 422) {
    return {
      ...base,
      heading: 'This could not be done',
      paragraphs: ['Go back, reload the page and try again.'],
      details: messagesOf(body),
    };
  }
  if (status >= 400 && status < 500) {
    return { ...base, heading: 'There is a problem with your request', paragraphs: ['Go back and try again.'], details: messagesOf(body) };
  }
  return {
    ...base,
    heading: 'Sorry, there is a problem with the service',
    paragraphs: ['Try again later.'],
  };
}
