import type { Migration, MigrationProvider } from 'kysely/migration';
import { migration0001Reference } from './0001_reference.js';
import { migration0002Actors } from './0002_actors.js';
import { migration0003Cooperation } from './0003_cooperation.js';
import { migration0004Training } from './0004_training.js';
import { migration0005Donations } from './0005_donations.js';
import { migration0006Indicators } from './0006_indicators.js';
import { migration0007Citations } from './0007_citations.js';
import { migration0008Search } from './0008_search.js';
import { migration0009TrainingRollup } from './0009_training_rollup.js';
import { migration0010Writes } from './0010_writes.js';
import { migration0011DonationRollup } from './0011_donation_rollup.js';
import { migration0012TrainingRollupLockOrder } from './0012_training_rollup_lock_order.js';
import { migration0013Imports } from './0013_imports.js';
import { migration0014CodeLists } from './0014_code_lists.js';
import { migration0015ChangeFeed } from './0015_change_feed.js';
import { migration0016Translations } from './0016_translations.js';
import { migration0017ListOrderIndexes } from './0017_list_order_indexes.js';
import { migration0018IatiOrganisations } from './0018_iati_organisations.js';
import { migration0019OneValuePerObservation } from './0019_one_value_per_observation.js';
import { migration0020ChangeLogHorizon } from './0020_change_log_horizon.js';

/** Every migration in order. Names are never changed once released; new steps are appended. */
export const migrations: Record<string, Migration> = {
  '0001_reference': migration0001Reference,
  '0002_actors': migration0002Actors,
  '0003_cooperation': migration0003Cooperation,
  '0004_training': migration0004Training,
  '0005_donations': migration0005Donations,
  '0006_indicators': migration0006Indicators,
  '0007_citations': migration0007Citations,
  '0008_search': migration0008Search,
  '0009_training_rollup': migration0009TrainingRollup,
  '0010_writes': migration0010Writes,
  '0011_donation_rollup': migration0011DonationRollup,
  '0012_training_rollup_lock_order': migration0012TrainingRollupLockOrder,
  '0013_imports': migration0013Imports,
  '0014_code_lists': migration0014CodeLists,
  '0015_change_feed': migration0015ChangeFeed,
  '0016_translations': migration0016Translations,
  '0017_list_order_indexes': migration0017ListOrderIndexes,
  '0018_iati_organisations': migration0018IatiOrganisations,
  '0019_one_value_per_observation': migration0019OneValuePerObservation,
  '0020_change_log_horizon': migration0020ChangeLogHorizon,
};

/** Serves the migrations from the bundle itself, so they run the same from source or dist. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
