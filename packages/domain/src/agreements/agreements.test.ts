import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('the agreement between Uzbekistan and Belarus', () => {
  it('names its parties, its signing at the Karshi seminar, four areas and over 110 declared', async () => {
    const data = await api.data(`{
      agreements(filter: { party: "BY" }) {
        totalCount
        nodes {
          title kind signedOn signedOnPrecision declaredAreaCount declaredAreaCountQualifier
          parties { nodes { country { code name } organisation { name } } }
          areas { totalCount nodes { code name dacPurposeCodes { nodes { code name } } } }
          signingEvent { locality subdivision { code } startDate }
          programmes { nodes { title status iatiStatusCode } }
          sources { nodes { title } }
        }
      }
    }`);
    expect(data).toEqual({
      agreements: {
        totalCount: 1,
        nodes: [
          {
            title: 'Agreement on healthcare cooperation between Uzbekistan and Belarus',
            kind: 'BILATERAL',
            signedOn: '2024-02-01',
            signedOnPrecision: 'MONTH',
            declaredAreaCount: 110,
            declaredAreaCountQualifier: 'MORE_THAN',
            // Parties come in one stable order (by their id), so that pages never overlap.
            parties: {
              nodes: [
                { country: { code: 'UZ', name: 'Uzbekistan' }, organisation: null },
                { country: { code: 'BY', name: 'Belarus' }, organisation: null },
              ],
            },
            areas: {
              totalCount: 4,
              nodes: [
                {
                  code: 'cardiology',
                  name: 'Cardiology',
                  dacPurposeCodes: { nodes: [{ code: 12191, name: 'Medical services' }] },
                },
                {
                  code: 'child-health',
                  name: 'Child health',
                  dacPurposeCodes: { nodes: [{ code: 12220, name: 'Basic health care' }] },
                },
                {
                  code: 'hematology',
                  name: 'Hematology',
                  dacPurposeCodes: { nodes: [{ code: 12191, name: 'Medical services' }] },
                },
                {
                  code: 'oncology',
                  name: 'Oncology',
                  dacPurposeCodes: { nodes: [{ code: 12191, name: 'Medical services' }] },
                },
              ],
            },
            signingEvent: {
              locality: 'Karshi',
              subdivision: { code: 'UZ-QA' },
              startDate: '2024-02-01',
            },
            programmes: {
              nodes: [
                {
                  title:
                    'Training seminars with international experts in regions with high maternal and child mortality',
                  status: 'IMPLEMENTATION',
                  iatiStatusCode: 2,
                },
              ],
            },
            sources: {
              nodes: [
                {
                  title:
                    "Uzbekistan's Leap Forward: International Collaboration to Improve Maternal and Child Health",
                },
              ],
            },
          },
        ],
      },
    });
  });

  it('is found from each party country and from its areas', async () => {
    const data = await api.data(`{
      uz: country(code: "UZ") { agreements { totalCount nodes { kind } } }
      mz: country(code: "MZ") { agreements { totalCount } }
      oncology: topic(code: "oncology") { agreements { nodes { declaredAreaCount } } }
      multilateral: agreements(filter: { kind: MULTILATERAL }) { totalCount }
    }`);
    expect(data).toEqual({
      uz: { agreements: { totalCount: 1, nodes: [{ kind: 'BILATERAL' }] } },
      mz: { agreements: { totalCount: 0 } },
      oncology: { agreements: { nodes: [{ declaredAreaCount: 110 }] } },
      multilateral: { totalCount: 0 },
    });
  });
});
