import { DEFAULT_MIN_SAMPLE, DEFAULT_WEIGHTS, type ScoreWeights } from '@haochaping/domain';

/** Locality rules kept as settings (they differ between provinces), with their defaults. */
export interface Settings {
  /** Days after a transaction finished during which it can be rated (Guangdong: 7). */
  ratingWindowDays: number;
  /** Days after a rating during which one follow-up (追评) is accepted. */
  followUpDays: number;
  /** Working days a department has to close a ticket (Sichuan 15, Dezhou 5). */
  ticketDueWorkingDays: number;
  /** Working days for the first contact with the citizen. */
  firstContactWorkingDays: number;
  /** Units with fewer valid ratings in a month are shown as insufficient sample, not ranked. */
  minimumSample: number;
  /** Weights of the composite score. */
  scoreWeights: ScoreWeights;
}

export const DEFAULT_SETTINGS: Settings = {
  ratingWindowDays: 7,
  followUpDays: 15,
  ticketDueWorkingDays: 15,
  firstContactWorkingDays: 1,
  minimumSample: DEFAULT_MIN_SAMPLE,
  scoreWeights: DEFAULT_WEIGHTS,
};
