/**
 * The product's feature modules, shared by the API and the worker process. Each brings its
 * controllers (mounted by the API only) and its job handlers (run by the worker only).
 */
export const FEATURE_MODULES: Array<import("@nestjs/common").Type<unknown> | import("@nestjs/common").DynamicModule> = [];
