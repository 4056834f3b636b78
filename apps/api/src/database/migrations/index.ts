import { Foundation1764190000000 } from './1764190000000-Foundation';

/** Every migration, in order. New migrations are appended here. */
export const MIGRATIONS = [Foundation1764190000000];
