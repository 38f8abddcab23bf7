import { goods } from './vocabulary.js';
import { DAY, FIRST_DAY, isoDate, type OpenWriter, TODAY, type World } from './world.js';

/** Donations from a few donor countries, each with one to four line items. */
export async function generateDonations(world: World, open: OpenWriter) {
  const { counts, random, id, countryId, active, countryZipf, countryName } = world;
  const file = open;
  // Donations with their line items.
  const donors = ['CN', 'BY', 'US', 'DE', 'JP', 'GB', 'FR', 'KR', 'RU', 'TR'];
  const donationFile = await file('donation', [
    'id',
    'title',
    'status',
    'announced_on',
    'delivered_on',
    'donor_country_id',
    'recipient_country_id',
    'value_amount',
    'value_currency',
  ]);
  const itemFile = await file('donation_item', [
    'id',
    'donation_id',
    'position',
    'category',
    'description',
    'quantity',
    'quantity_qualifier',
    'unit',
  ]);
  let items = 0;
  for (let n = 0; n < counts.donations; n++) {
    const donor = random.pick(donors);
    const recipient = active[countryZipf.sample(random)]!;
    const day = FIRST_DAY + Math.floor(((TODAY - FIRST_DAY) / DAY) * random.next()) * DAY;
    const delivered = random.chance(0.8);
    donationFile.write([
      id('donation', n),
      `Medical supplies from ${countryName.get(donor)} to ${countryName.get(recipient)} (${n + 1})`,
      delivered ? 'delivered' : 'pledged',
      isoDate(day),
      delivered ? isoDate(day + random.int(7, 90) * DAY) : null,
      countryId(donor),
      countryId(recipient),
      ...(random.chance(0.4)
        ? [(random.int(1_000, 5_000_000) + random.int(0, 99) / 100).toFixed(2), 'USD']
        : [null, null]),
    ]);
    for (let position = 0, k = random.int(1, 4); position < k; position++) {
      const [category, description, unit] = random.pick(goods);
      itemFile.write([
        id('donationItem', items++),
        id('donation', n),
        position,
        category,
        description,
        random.int(1, 500) * (unit === 'piece' ? 1000 : 10),
        random.chance(0.2) ? 'more_than' : 'exact',
        unit,
      ]);
    }
  }
  return { donationFile, itemFile };
}

/** Indicator values for every active country: a declining series of estimates per indicator. */
export async function generateObservations(world: World, open: OpenWriter) {
  const { random, id, countryId, active } = world;
  const file = open;
  // Indicator values for every active country: a series of estimates per indicator.
  const observationFile = await file('indicator_observation', [
    'id',
    'indicator_code',
    'country_id',
    'year',
    'value',
    'lower_bound',
    'upper_bound',
    'method',
    'estimate_round',
    'source_id',
  ]);
  let observations = 0;
  for (const country of active) {
    for (const [code, start] of [
      ['MDG_0000000026', 400],
      ['MDG_0000000007', 90],
      ['WHOSIS_000003', 30],
    ] as const) {
      let value = start * (0.1 + random.next());
      for (let year = 2000; year <= 2023; year++) {
        value *= 0.93 + random.next() * 0.05;
        const rounded = Math.round(value * 10) / 10;
        observationFile.write([
          id('observation', observations++),
          code,
          countryId(country),
          year,
          rounded,
          Math.round(rounded * 7) / 10,
          Math.round(rounded * 14) / 10,
          'modelled_estimate',
          'Synthetic round',
          id('source', 0),
        ]);
      }
    }
  }
  return observationFile;
}
