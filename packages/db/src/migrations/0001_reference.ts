import { optionalText, recordColumns, requiredText, sqlMigration } from './sql-migration.js';

/** Places, sources, topics and the code lists every other table points at. */
export const migration0001Reference = sqlMigration([
  `create table source (
    id uuid primary key default gen_random_uuid(),
    ${requiredText('title', 1000)},
    ${optionalText('publisher', 300)},
    url text check (url ~ '^https?://[^[:space:]]+$' and char_length(url) <= 2000),
    published_on date,
    kind text not null check (kind in ('news_article', 'statistical_database', 'report', 'official_document', 'other')),
    ${optionalText('note')},
    ${recordColumns}
  )`,
  `create table country (
    id uuid primary key default gen_random_uuid(),
    code char(2) not null unique check (code ~ '^[A-Z]{2}$'),
    alpha3 char(3) not null unique check (alpha3 ~ '^[A-Z]{3}$'),
    numeric_code char(3) not null unique check (numeric_code ~ '^[0-9]{3}$'),
    ${requiredText('name', 200)},
    ${optionalText('official_name', 300)},
    ${recordColumns}
  )`,
  `create table subdivision (
    id uuid primary key default gen_random_uuid(),
    code text not null unique check (code ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'),
    country_id uuid not null references country (id),
    ${requiredText('name', 200)},
    kind text not null check (kind in ('region', 'city', 'republic', 'province', 'other')),
    ${recordColumns}
  )`,
  'create index subdivision_country_idx on subdivision (country_id, name, id)',
  `create table dac_purpose_code (
    code integer primary key check (code between 10000 and 99999),
    ${requiredText('name', 300)}
  )`,
  `create table topic (
    id uuid primary key default gen_random_uuid(),
    code text not null unique check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(code) <= 100),
    ${requiredText('name', 300)},
    ${optionalText('description')},
    parent_id uuid references topic (id),
    check (parent_id <> id),
    ${recordColumns}
  )`,
  'create index topic_parent_idx on topic (parent_id)',
  `create table topic_dac_purpose (
    topic_id uuid not null references topic (id) on delete cascade,
    dac_code integer not null references dac_purpose_code (code),
    primary key (topic_id, dac_code)
  )`,
  'create index topic_dac_purpose_code_idx on topic_dac_purpose (dac_code)',
  `create table indicator (
    code text primary key check (code ~ '^[A-Z0-9_]{2,60}$'),
    ${requiredText('name', 300)},
    ${requiredText('unit', 100)},
    ${optionalText('description')}
  )`,
  `create table seed_run (
    name text primary key,
    applied_at timestamptz(3) not null default now()
  )`,
]);
