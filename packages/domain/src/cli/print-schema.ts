import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../schema/index.js';

/**
 * Prints the schema as SDL, types and fields in lexicographic order so that a diff shows only
 * real changes. Writes to the path given, or to standard output.
 */
const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;
const target = process.argv[2];
if (target) writeFileSync(target, sdl);
else process.stdout.write(sdl);
