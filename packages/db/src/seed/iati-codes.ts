import type { IatiCodeTable } from '../tables/code-lists.table.js';

/**
 * The IATI 2.03 code lists the IATI export writes, as the IATI Standard publishes them
 * (https://iatistandard.org/en/iati-standard/203/codelists/): the codes and their names.
 */
export const iatiCodes: ReadonlyArray<IatiCodeTable> = [
  { list: 'OrganisationRole', code: '1', name: 'Funding' },
  { list: 'OrganisationRole', code: '2', name: 'Accountable' },
  { list: 'OrganisationRole', code: '3', name: 'Extending' },
  { list: 'OrganisationRole', code: '4', name: 'Implementing' },

  { list: 'OrganisationType', code: '10', name: 'Government' },
  { list: 'OrganisationType', code: '11', name: 'Local Government' },
  { list: 'OrganisationType', code: '15', name: 'Other Public Sector' },
  { list: 'OrganisationType', code: '21', name: 'International NGO' },
  { list: 'OrganisationType', code: '22', name: 'National NGO' },
  { list: 'OrganisationType', code: '23', name: 'Regional NGO' },
  { list: 'OrganisationType', code: '24', name: 'Partner Country based NGO' },
  { list: 'OrganisationType', code: '30', name: 'Public Private Partnership' },
  { list: 'OrganisationType', code: '40', name: 'Multilateral' },
  { list: 'OrganisationType', code: '60', name: 'Foundation' },
  { list: 'OrganisationType', code: '70', name: 'Private Sector' },
  { list: 'OrganisationType', code: '71', name: 'Private Sector in Provider Country' },
  { list: 'OrganisationType', code: '72', name: 'Private Sector in Aid Recipient Country' },
  { list: 'OrganisationType', code: '73', name: 'Private Sector in Third Country' },
  { list: 'OrganisationType', code: '80', name: 'Academic, Training and Research' },
  { list: 'OrganisationType', code: '90', name: 'Other' },

  { list: 'ActivityStatus', code: '1', name: 'Pipeline/identification' },
  { list: 'ActivityStatus', code: '2', name: 'Implementation' },
  { list: 'ActivityStatus', code: '3', name: 'Finalisation' },
  { list: 'ActivityStatus', code: '4', name: 'Closed' },
  { list: 'ActivityStatus', code: '5', name: 'Cancelled' },
  { list: 'ActivityStatus', code: '6', name: 'Suspended' },

  { list: 'ActivityDateType', code: '1', name: 'Planned start' },
  { list: 'ActivityDateType', code: '2', name: 'Actual start' },
  { list: 'ActivityDateType', code: '3', name: 'Planned End' },
  { list: 'ActivityDateType', code: '4', name: 'Actual end' },

  { list: 'SectorVocabulary', code: '1', name: 'OECD DAC CRS Purpose Codes (5 digit)' },
  { list: 'SectorVocabulary', code: '2', name: 'OECD DAC CRS Purpose Codes (3 digit)' },
  {
    list: 'SectorVocabulary',
    code: '3',
    name: 'Classification of the Functions of Government (UN)',
  },
  {
    list: 'SectorVocabulary',
    code: '4',
    name: 'Statistical classification of economic activities in the European Community',
  },
  { list: 'SectorVocabulary', code: '5', name: 'National Taxonomy Exempt Entities (USA)' },
  { list: 'SectorVocabulary', code: '6', name: 'AidData' },
  { list: 'SectorVocabulary', code: '7', name: 'SDG Goal' },
  { list: 'SectorVocabulary', code: '8', name: 'SDG Target' },
  { list: 'SectorVocabulary', code: '9', name: 'SDG Indicator' },
  {
    list: 'SectorVocabulary',
    code: '10',
    name: 'Humanitarian Global Clusters (Inter-Agency Standing Committee)',
  },
  {
    list: 'SectorVocabulary',
    code: '11',
    name: 'North American Industry Classification System (NAICS)',
  },
  { list: 'SectorVocabulary', code: '12', name: 'UN System Function' },
  { list: 'SectorVocabulary', code: '98', name: 'Reporting Organisation 2' },
  { list: 'SectorVocabulary', code: '99', name: 'Reporting Organisation' },

  { list: 'ResultType', code: '1', name: 'Output' },
  { list: 'ResultType', code: '2', name: 'Outcome' },
  { list: 'ResultType', code: '3', name: 'Impact' },
  { list: 'ResultType', code: '9', name: 'Other' },

  { list: 'IndicatorMeasure', code: '1', name: 'Unit' },
  { list: 'IndicatorMeasure', code: '2', name: 'Percentage' },
  { list: 'IndicatorMeasure', code: '3', name: 'Nominal' },
  { list: 'IndicatorMeasure', code: '4', name: 'Ordinal' },
  { list: 'IndicatorMeasure', code: '5', name: 'Qualitative' },
];
