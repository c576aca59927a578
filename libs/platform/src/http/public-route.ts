import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'pathway:public';
/**
 * Marks a route or controller that needs no bearer token (health, docs, web pages with their own
 * session guard). It lives in the platform so that platform routes can say so without knowing
 * identity; identity's guard reads it.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
