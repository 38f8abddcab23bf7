import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './index.js';

/** Every description of the schema, by where it stands: the playground's docs are our manual. */
function descriptions(): Array<[string, string | null | undefined]> {
  const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
  const found: Array<[string, string | null | undefined]> = [];
  for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
    if (type.name.startsWith('__') || (isScalarType(type) && builtIn.has(type.name))) continue;
    found.push([type.name, type.description]);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        found.push([`${type.name}.${field.name}`, field.description]);
        for (const arg of 'args' in field ? field.args : []) {
          found.push([`${type.name}.${field.name}(${arg.name})`, arg.description]);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues())
        found.push([`${type.name}.${value.name}`, value.description]);
    }
  }
  return found;
}

// Code, such as `UZ-QA` or `ConflictError`, is quoted in backticks; the prose around it is read.
const prose = (text: string) => text.replace(/`[^`]*`/g, '`…`');

describe('the schema as a manual', () => {
  const all = descriptions();

  it('describes every type, field, argument and enum value', () => {
    expect(all.length).toBeGreaterThan(1500);
    expect(all.filter(([, description]) => !description).map(([where]) => where)).toEqual([]);
  });

  it('reads as English: "an" before a vowel, "a" before a consonant', () => {
    const wrong = all.filter(([, description]) => {
      const text = prose(description ?? '');
      return /\b[Aa] [AEIOaeio]/.test(text) || /\b[Aa]n [^AEIOUaeiouHh\W`]/.test(text);
    });
    expect(wrong).toEqual([]);
  });

  it('names records in words, not as run-together type names', () => {
    const runTogether = all.filter(([, description]) =>
      /\b[A-Z][a-z]+[A-Z][A-Za-z]*\b/.test(prose(description ?? '').replace(/\bGraphQL\b/g, '')),
    );
    expect(runTogether).toEqual([]);
  });
});
