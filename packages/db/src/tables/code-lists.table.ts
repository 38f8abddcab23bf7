import type { Selectable } from 'kysely';
import type { IatiCodeList } from '../migrations/0014_code_lists.js';

/** One code of an IATI code list, such as `OrganisationRole` 1, `Funding`. */
export interface IatiCodeTable {
  list: IatiCodeList;
  code: string;
  name: string;
}

export type IatiCode = Selectable<IatiCodeTable>;
export type { IatiCodeList };
