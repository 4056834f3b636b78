import { Int, Nested, Str } from '../../common/response-types';

export class TagCountResponse {
  @Str({ example: '办事效率低' }) tag!: string;
  @Int({ description: 'Bad ratings carrying this tag' }) count!: number;
}

export class BadTagsResponse {
  @Str({ example: '2026-11' }) month!: string;
  @Int({ description: 'null: every department' }, true) departmentId!: number | null;
  @Int({ description: 'Bad ratings counted (a rating may carry several tags, or none)' })
  ratings!: number;
  @Nested(() => TagCountResponse, {
    isArray: true,
    description: 'Most frequent first, then by tag',
  })
  items!: TagCountResponse[];
}
