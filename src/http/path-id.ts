// Path ids are checked before any query: anything that is not one of our ids is simply "not found".

import { AppError } from '../errors.js';
import { idParam } from './schemas.js';

export function pathId(value: string | undefined, what: string): string {
  if (!value || !idParam.safeParse(value).success) throw new AppError('NOT_FOUND', `${what} not found`);
  return value;
}
