/**
 * An integrator's report, built with the typed client against a running API:
 *
 *   pnpm example --url http://localhost:4000/graphql
 *
 * (`--url` may be left out: see `--help`)
 */
import {
  createClient,
  DonationsToCountryDocument,
  EventsInSubdivisionDocument,
  GraphQLRequestError,
  IndicatorSeriesDocument,
  TransportError,
} from '../src/index.js';
import { apiUrl } from './where.js';

if (process.argv.includes('--help')) {
  console.log(`Usage: pnpm example [--url URL]

Prints a small report made with the typed client from a running API.

  --url URL   the GraphQL endpoint (default $MCH_API_URL, or http://localhost:$PORT/graphql,
              port 4000 when PORT is not set)
  --help      show this help`);
  process.exit(0);
}

const url = apiUrl();

const client = createClient({ url });

async function report(): Promise<string[]> {
  const lines: string[] = [`MCH Cooperation Graph report from ${url}`, ''];

  const events = await client.request(EventsInSubdivisionDocument, {
    subdivision: 'UZ-QA',
    from: '2024-01-01',
    to: '2024-12-31',
  });
  const trained = events.trainingEvents.nodes.reduce(
    (sum, e) => sum + (e.participantCount ?? 0),
    0,
  );
  lines.push(
    `Training in Qashqadaryo (UZ-QA), 2024: ${events.trainingEvents.totalCount} event(s), ${trained} specialists trained`,
  );
  for (const event of events.trainingEvents.nodes) {
    const experts = [
      ...new Set(event.presenters.nodes.map((p) => p.organisation?.name).filter(Boolean)),
    ];
    lines.push(`  ${event.startDate ?? 'undated'}  ${event.title}`);
    lines.push(
      `    host: ${event.hostOrganisation?.name ?? 'unknown'}; experts from: ${experts.join(', ') || 'unknown'}`,
    );
  }

  const donations = await client.request(DonationsToCountryDocument, { country: 'MZ' });
  lines.push('', `Donations to Mozambique: ${donations.donations.totalCount}`);
  for (const donation of donations.donations.nodes) {
    lines.push(
      `  ${donation.donorCountry?.name ?? donation.donorOrganisation?.name ?? '?'}: ${donation.title}`,
    );
    for (const item of donation.items.nodes) {
      const qualifier = { EXACT: '', MORE_THAN: 'more than ', NEARLY: 'nearly ', ABOUT: 'about ' }[
        item.quantityQualifier
      ];
      const amount =
        item.quantity == null ? 'unspecified' : `${qualifier}${item.quantity.toLocaleString('en')}`;
      const unit = item.unit ? ` ${item.unit.toLowerCase()}${item.quantity === 1 ? '' : 's'}` : '';
      lines.push(`    ${item.description}: ${amount}${unit}`);
    }
    lines.push(
      `    source: ${donation.sources.nodes.map((s) => `${s.publisher ?? s.title}, ${s.publishedOn ?? 'undated'}`).join('; ')}`,
    );
  }

  const series = await client.request(IndicatorSeriesDocument, {
    country: 'UZ',
    indicator: 'MDG_0000000026',
  });
  lines.push('', `Maternal mortality ratio, ${series.country?.name} (per 100 000 live births):`);
  for (const value of series.country?.indicatorObservations.nodes ?? []) {
    const bounds = value.lowerBound != null ? ` (${value.lowerBound}-${value.upperBound})` : '';
    const period = value.period ? ` ${value.period}` : '';
    lines.push(
      `  ${value.year}${period}: ${value.value}${bounds}  [${value.estimateRound ?? value.source.publisher}]`,
    );
  }
  return lines;
}

report()
  .then((lines) => console.log(lines.join('\n')))
  .catch((error: unknown) => {
    if (error instanceof GraphQLRequestError) {
      console.error(`The API refused the request (${error.code}): ${error.message}`);
    } else if (error instanceof TransportError) {
      console.error(`${error.message} Is the API running? Start it with \`pnpm start\`.`);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
