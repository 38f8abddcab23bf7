import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const as = (token: 'editor' | 'admin') => ({ token: api.tokens[token] });
describe('the domain verbs', () => {
  it('signs an agreement with its parties and areas, and records an indicator value', async () => {
    const signed = await api.data<{ signAgreement: unknown }>(
      `mutation($input: SignAgreementInput!) {
        signAgreement(input: $input) { ... on SignAgreementPayload { agreement { title kind parties { nodes { country { code } } } areas { nodes { code } } } } ... on ValidationError { fieldErrors { path message } } }
      }`,
      {
        input: {
          title: 'Memorandum on neonatal care between China and Mozambique',
          kind: 'BILATERAL',
          signedOn: '2026-06-01',
          parties: [{ country: 'CN' }, { country: 'MZ' }],
          areas: ['child-health'],
        },
      },
      as('editor'),
    );
    expect(signed.signAgreement).toEqual({
      agreement: {
        title: 'Memorandum on neonatal care between China and Mozambique',
        kind: 'BILATERAL',
        parties: {
          nodes: expect.arrayContaining([{ country: { code: 'CN' } }, { country: { code: 'MZ' } }]),
        },
        areas: { nodes: [{ code: 'child-health' }] },
      },
    });
    const sources = await api.data<{
      sources: { nodes: Array<{ id: string; url: string | null }> };
    }>('{ sources { nodes { id url } } }');
    const who = sources.sources.nodes.find((s) => s.url?.endsWith('MDG_0000000026'))!;
    const recorded = await api.data<{ recordIndicatorObservation: unknown }>(
      `mutation($input: RecordIndicatorObservationInput!) {
        recordIndicatorObservation(input: $input) { __typename ... on RecordIndicatorObservationPayload { indicatorObservation { year value lowerBound upperBound country { code } source { publisher } } } ... on ValidationError { fieldErrors { path message } } }
      }`,
      {
        input: {
          indicator: 'MDG_0000000026',
          country: 'MZ',
          year: 2024,
          value: 80,
          lowerBound: 90,
          method: 'MODELLED_ESTIMATE',
          source: who.id,
        },
      },
      as('editor'),
    );
    expect(recorded.recordIndicatorObservation).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [
        { path: ['input', 'lowerBound'], message: '`lowerBound` must not be above `value`.' },
      ],
    });
  });
});
