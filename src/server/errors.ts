import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode } from '../contract/common.js';

/** An error the API answers with as it is: a status, a stable code and, for bad input, the field at fault. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  constructor(code: ErrorCode, status: number, message: string = code, field?: string) {
    super(message);
    this.code = code;
    this.status = status;
    this.field = field;
  }
}

export const badRequest = (field: string, message: string) => new AppError('VALIDATION_FAILED', 400, message, field);
export const areaNotFound = (code: string) => new AppError('AREA_NOT_FOUND', 404, `no area with code ${code}`, 'area');

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** The request field a validation failure is about: `limit` for `/limit`, the missing or extra property, … */
function fieldOf(issue: ValidationIssue | undefined): string | undefined {
  if (!issue) return undefined;
  const params = issue.params ?? {};
  const named = params.missingProperty ?? params.additionalProperty;
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  if (typeof named === 'string') path.push(named);
  // An array item (category/2) is reported as its array.
  const field = path.filter((p) => !/^\d+$/.test(p)).join('.');
  return field || undefined;
}

export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  let body: ErrorBody;
  let status: number;
  if (error instanceof AppError) {
    status = error.status;
    body = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  } else if ('validation' in error && Array.isArray(error.validation)) {
    const issue = error.validation[0] as ValidationIssue | undefined;
    const field = fieldOf(issue);
    status = 400;
    body = {
      code: 'VALIDATION_FAILED',
      message: `${field ?? 'request'}: ${issue?.message ?? 'is invalid'}`,
      ...(field ? { field } : {}),
    };
  } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500) {
    status = error.statusCode;
    const code: ErrorCode = status === 429 ? 'RATE_LIMITED' : status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED';
    body = { code, message: error.message };
  } else {
    request.log.error({ err: error }, 'request failed');
    status = 500;
    body = { code: 'INTERNAL', message: 'internal error' };
  }
  void reply.status(status).send(body);
}
