import { sql } from 'kysely';
import { changedValues, RowReader, sameColumnValue } from '../imports/cells.js';
import { type CsvRow, registerCsvKind } from '../imports/csv.js';
import type { ImportLookups } from '../imports/lookups.js';
import type { FieldError } from '../shared/errors.js';
import { anyOf } from '../shared/sql.js';
import { updateColumns } from '../writes/crud.js';
import { insertRow, snapshot } from '../writes/run.js';
import { checkDonation } from './donation.writes.js';

/**
 * Donations from a spreadsheet, one row per line item: the rows that share a key (or an id)
 * are one donation, and repeat its own columns (which must agree) beside each item. The
 * export of `donations` writes these same rows, so an exported file imports again unchanged.
 */

const STATUSES = ['pledged', 'delivered'] as const;
const CATEGORIES = [
  'masks',
  'test_kits',
  'protective_clothing',
  'equipment',
  'medicines',
  'other',
] as const;
const UNITS = ['piece', 'set', 'kit', 'box', 'pack', 'dose', 'unit'] as const;
const QUALIFIERS = ['exact', 'more_than', 'nearly', 'about'] as const;

/** The donation's own columns, repeated on each of its rows. */
const DONATION_COLUMNS = [
  'title',
  'status',
  'announcedOn',
  'deliveredOn',
  'donorCountry',
  'donorOrganisation',
  'recipientCountry',
  'recipientOrganisation',
  'programme',
  'valueAmount',
  'valueCurrency',
  'description',
];

/** Item columns by the field of the item they fill. */
const ITEM_COLUMNS: Record<string, string> = {
  category: 'itemCategory',
  description: 'itemDescription',
  quantity: 'quantity',
  quantityQualifier: 'quantityQualifier',
  unit: 'unit',
};

interface DonationRecord {
  values: Record<string, unknown>;
  items: Array<Record<string, unknown>>;
}

/** A stored donation as an import compares it: its columns and its items, in order. */
interface StoredDonation {
  row: Record<string, unknown>;
  items: Array<Record<string, unknown>>;
}

async function readDonation(lookups: ImportLookups, row: CsvRow) {
  const reader = new RowReader(row);
  reader
    .text('title', 'description', 'announcedOn', 'deliveredOn', 'donorCountry', 'recipientCountry')
    .text('valueCurrency')
    .choice('status', STATUSES);
  const amount = reader.cell('valueAmount');
  if (amount === undefined) reader.input.valueAmount = null;
  else if (/^\d{1,16}(\.\d{1,2})?$/.test(amount)) reader.input.valueAmount = amount;
  else reader.fail('valueAmount', `must be an amount such as 1500 or 1500.50 (got "${amount}").`);
  for (const column of ['donorOrganisation', 'recipientOrganisation']) {
    await reader.named(lookups, column, {
      typename: 'Organisation',
      table: 'organisation',
      nameColumn: 'name',
    });
  }
  await reader.named(lookups, 'programme', {
    typename: 'Programme',
    table: 'programme',
    nameColumn: 'title',
  });
  for (const name of ['title', 'status']) {
    if (reader.input[name] === null) delete reader.input[name];
  }
  return reader;
}

function readItem(row: CsvRow) {
  const reader = new RowReader(row);
  reader
    .choice('itemCategory', CATEGORIES)
    .choice('unit', UNITS)
    .choice('quantityQualifier', QUALIFIERS, 'exact');
  reader.text('itemDescription').integer('quantity');
  const { itemCategory, itemDescription, ...rest } = reader.input;
  const item: Record<string, unknown> = { ...rest };
  if (itemCategory !== null) item.category = itemCategory;
  if (itemDescription !== null) item.description = itemDescription;
  return { reader, item };
}

const nameOf = (value: unknown, field: 'code' | 'name' | 'title') =>
  (value as Record<string, string> | null)?.[field] ?? null;

registerCsvKind<DonationRecord, StoredDonation>({
  name: 'donations',
  typename: 'Donation',
  table: 'donation',
  rowIs: 'one line item of a donation; the rows that share an externalKey (or id) are one donation',
  noun: 'donation',
  columns: [
    { header: 'title', required: true, description: 'What was given, in brief.' },
    { header: 'status', required: true, description: 'PLEDGED or DELIVERED.' },
    { header: 'announcedOn', description: 'YYYY-MM-DD; this or deliveredOn is needed.' },
    { header: 'deliveredOn', description: 'YYYY-MM-DD, when handed over.' },
    { header: 'donorCountry', description: 'ISO 3166-1 alpha-2 code; this or donorOrganisation.' },
    { header: 'donorOrganisation', description: 'The donor, by its name in the graph.' },
    {
      header: 'recipientCountry',
      description: 'ISO 3166-1 alpha-2 code; this or recipientOrganisation.',
    },
    { header: 'recipientOrganisation', description: 'The recipient, by its name in the graph.' },
    { header: 'programme', description: 'The programme, by its title in the graph.' },
    { header: 'valueAmount', description: 'Declared value, such as 1500.50, with valueCurrency.' },
    { header: 'valueCurrency', description: 'ISO 4217 code, such as USD.' },
    { header: 'description', description: 'The donation as the source reports it.' },
    {
      header: 'itemCategory',
      required: true,
      description: 'MASKS, TEST_KITS, PROTECTIVE_CLOTHING, EQUIPMENT, MEDICINES or OTHER.',
    },
    { header: 'itemDescription', required: true, description: 'The goods, such as Medical masks.' },
    { header: 'quantity', description: 'How many, with unit.' },
    { header: 'unit', description: 'PIECE, SET, KIT, BOX, PACK, DOSE or UNIT.' },
    {
      header: 'quantityQualifier',
      description: 'EXACT (the default), MORE_THAN, NEARLY or ABOUT.',
    },
  ],

  export: {
    list: 'donations',
    // A donation holds at most 200 items; a page gives 100, and a longer list stops the export.
    selection: `id externalKey title status announcedOn deliveredOn donorCountry { code }
      donorOrganisation { name } recipientCountry { code } recipientOrganisation { name }
      programme { title } value { amount currency } description
      items(first: 100) { pageInfo { hasNextPage } nodes { category description quantity unit quantityQualifier } }
      announcedOnPrecision deliveredOnPrecision createdAt updatedAt version`,
    ignored: [
      {
        header: 'announcedOnPrecision',
        description: 'Whether announcedOn is a day, month or year.',
      },
      {
        header: 'deliveredOnPrecision',
        description: 'Whether deliveredOn is a day, month or year.',
      },
      { header: 'createdAt', description: 'When it was recorded.' },
      { header: 'updatedAt', description: 'When it last changed.' },
      { header: 'version', description: 'How many times it was written.' },
    ],
    rows: (node) => {
      const items = node.items as {
        pageInfo: { hasNextPage: boolean };
        nodes: Array<Record<string, unknown>>;
      };
      if (items.pageInfo.hasNextPage) {
        throw new Error(
          `Donation ${String(node.id)} has more than 100 items; export it through GraphQL.`,
        );
      }
      const value = node.value as { amount: string; currency: string } | null;
      const donation = {
        ...node,
        donorCountry: nameOf(node.donorCountry, 'code'),
        donorOrganisation: nameOf(node.donorOrganisation, 'name'),
        recipientCountry: nameOf(node.recipientCountry, 'code'),
        recipientOrganisation: nameOf(node.recipientOrganisation, 'name'),
        programme: nameOf(node.programme, 'title'),
        valueAmount: value?.amount ?? null,
        valueCurrency: value?.currency ?? null,
      };
      return items.nodes.map((item) => ({
        ...donation,
        itemCategory: item.category,
        itemDescription: item.description,
        quantity: item.quantity,
        unit: item.unit,
        quantityQualifier: item.quantityQualifier,
      }));
    },
  },

  async load(db, ids) {
    const [rows, items] = await Promise.all([
      sql<{ id: string; row: Record<string, unknown> }>`
        select t.id, to_jsonb(t) - 'search_vector' as row from donation t
        where ${anyOf('t.id', ids)}`.execute(db),
      db
        .selectFrom('donation_item')
        .select([
          'donation_id',
          'position',
          'category',
          'description',
          'quantity',
          'quantity_qualifier',
          'unit',
        ])
        .where(anyOf('donation_id', ids))
        .orderBy('donation_id')
        .orderBy('position')
        .execute(),
    ]);
    const stored = new Map<string, StoredDonation>(
      rows.rows.map(({ id, row }) => [id, { row, items: [] }]),
    );
    for (const { donation_id, ...item } of items) stored.get(donation_id)?.items.push(item);
    return stored;
  },

  async prepare({ trx, lookups }, rows) {
    const first = rows[0]!;
    const errors: FieldError[] = [];
    // The donation's columns must say the same on every row of the key.
    for (const row of rows.slice(1)) {
      for (const column of DONATION_COLUMNS) {
        if ((row.cells[column] ?? '') !== (first.cells[column] ?? '')) {
          errors.push({
            path: [`row:${row.row}`, column],
            message: `differs from row ${first.row}, which is of the same donation; a donation's own columns are the same on each of its rows.`,
          });
        }
      }
    }
    const donation = await readDonation(lookups, first);
    const items = rows.map(readItem);
    const checked = await checkDonation(
      trx,
      donation.input,
      items.map((i) => i.item),
      {
        record: [`row:${first.row}`],
        item: (index) => [`row:${rows[index]!.row}`, 'item'],
      },
      lookups.keyOf,
    );
    const readErrors = [...donation.errors, ...items.flatMap((i) => i.reader.errors)];
    // A cell the reader could not read already has its error; the rules need not say it again.
    const unread = new Set(readErrors.map((e) => e.path.join('/')));
    errors.push(
      ...readErrors,
      ...checked.errors
        .map((error) => {
          // Errors of an item are under `row:<n>, item, <field>`; of the donation, `row:<n>, <field>`.
          const [row, second, third] = error.path;
          const column = second === 'item' ? (ITEM_COLUMNS[third ?? ''] ?? 'itemCategory') : second;
          return { path: [row!, column ?? ''], message: error.message };
        })
        .filter((error) => !unread.has(error.path.join('/'))),
    );
    if (errors.length > 0) return { errors };
    return { record: { values: checked.values, items: checked.rows } };
  },

  async store({ trx, audit }, { values: read, items }, { id: existingId, key }, stored) {
    // A record found by its id takes the row's key, when it had none.
    const values = key === null ? read : { ...read, external_key: key };
    const writeItems = (id: string) =>
      trx
        .insertInto('donation_item')
        .values(items.map((item) => ({ ...item, donation_id: id })) as never)
        .execute();
    if (existingId === null) {
      const id = await insertRow(trx, 'donation', values);
      await writeItems(id);
      await audit({
        action: 'importCsv',
        recordType: 'donation',
        recordId: id,
        before: null,
        after: { ...(await snapshot(trx, 'donation', id)), items },
      });
      return 'created';
    }
    const storedItems = stored!.items;
    const itemColumns = ['category', 'description', 'quantity', 'quantity_qualifier', 'unit'];
    const sameItems =
      storedItems.length === items.length &&
      storedItems.every((stored, i) =>
        itemColumns.every((column) =>
          sameColumnValue(
            (stored as Record<string, unknown>)[column],
            items[i]![column] ?? (column === 'quantity_qualifier' ? 'exact' : null),
          ),
        ),
      );
    const changed = changedValues(stored!.row, values);
    if (Object.keys(changed).length === 0 && sameItems) return 'unchanged';
    // The audit's record of before, with what the comparison does not need (its translations).
    const before = await snapshot(trx, 'donation', existingId);
    await updateColumns(trx, 'donation', existingId, changed);
    if (!sameItems) {
      await trx.deleteFrom('donation_item').where('donation_id', '=', existingId).execute();
      await writeItems(existingId);
    }
    await audit({
      action: 'importCsv',
      recordType: 'donation',
      recordId: existingId,
      before: { ...before, items: storedItems },
      after: { ...(await snapshot(trx, 'donation', existingId)), items },
    });
    return 'updated';
  },
});
