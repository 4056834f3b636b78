import { IsInt, IsString, getMetadataStorage, validateSync } from 'class-validator';
import { memoizeValidationMetadata } from './compiled-validation';

class Parent {
  @IsString() name!: unknown;
}

class Child extends Parent {
  @IsInt() count!: unknown;
}

const rulesOf = (target: new () => object) =>
  getMetadataStorage()
    .getTargetValidationMetadatas(target, '', false, false, undefined)
    .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
    .sort();

const failures = (object: object) =>
  validateSync(object, { whitelist: true, forbidNonWhitelisted: true })
    .map((e) => e.property)
    .sort();

describe('memoizeValidationMetadata', () => {
  const before = { parent: rulesOf(Parent), child: rulesOf(Child) };
  const storage = memoizeValidationMetadata();

  it('answers what class-validator answers, once per class and options', () => {
    expect(before.child).toEqual(['count:isInt', 'name:isString']);
    expect(rulesOf(Parent)).toEqual(before.parent);
    expect(rulesOf(Child)).toEqual(before.child);
    const first = storage.getTargetValidationMetadatas(Child, '', false, false, undefined);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, undefined)).toBe(first);
    // Other options are another answer.
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, ['g'])).not.toBe(first);
    expect(memoizeValidationMetadata()).toBe(storage); // installed once
  });

  it('validates as before, inherited rules and unknown properties included', () => {
    expect(failures(Object.assign(new Child(), { name: 'a', count: 1 }))).toEqual([]);
    expect(failures(Object.assign(new Child(), { name: 1, count: 'x', extra: true }))).toEqual([
      'count',
      'extra',
      'name',
    ]);
  });

  it('sees a rule registered after a lookup, on the class or a parent', () => {
    class Base {
      @IsString() a!: unknown;
    }
    class Derived extends Base {
      @IsInt() b!: unknown;
    }
    expect(rulesOf(Derived)).toEqual(['a:isString', 'b:isInt']);
    IsString()(Base.prototype, 'c'); // as a decorator does at import
    expect(rulesOf(Derived)).toEqual(['a:isString', 'b:isInt', 'c:isString']);
    expect(failures(Object.assign(new Derived(), { a: 'x', b: 1 }))).toEqual(['c']);
  });
});
