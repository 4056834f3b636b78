import { Foundation1764190000000 } from './1764190000000-Foundation';
import { Ratings1764200000000 } from './1764200000000-Ratings';

/** Every migration, in order. New migrations are appended here. */
export const MIGRATIONS = [Foundation1764190000000, Ratings1764200000000];
