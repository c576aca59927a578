import type { Request } from 'express';

export interface Flash {
  heading: string;
  text?: string;
}

/** Leaves a success message for the page the person is sent to next (Post/Redirect/Get). */
export function setFlash(req: Request, flash: Flash): void {
  if (req.session) req.session.flash = flash;
}

/** The waiting success message, once: reading it removes it. */
export function takeFlash(req: Request): Flash | undefined {
  const flash = req.session?.flash;
  if (flash) delete req.session.flash;
  return flash;
}
