/** Words the synthetic titles and names are made of, in the domain's own vocabulary. */

export const eventKinds = ['Seminar', 'Workshop', 'Course', 'Master class', 'Teleconference', 'Simulation training', 'Case review', 'Clinical session'];

export const subjects = [
  'obstetric emergencies', 'postpartum haemorrhage', 'pre-eclampsia', 'neonatal resuscitation',
  'perinatal care', 'maternal mortality reduction', 'safe caesarean section', 'antenatal care',
  'kangaroo mother care', 'breastfeeding support', 'paediatric sepsis', 'childhood pneumonia',
  'midwifery skills', 'obstetric ultrasound', 'family planning', 'neonatal intensive care',
  'infection prevention', 'COVID-19 in pregnancy', 'anaesthesia in obstetrics', 'newborn screening',
  'maternal nutrition', 'prenatal diagnosis', 'labour management', 'paediatric emergencies',
];

export const organisationKinds = [
  ['hospital', 'Regional Hospital'],
  ['hospital', 'Maternity Hospital'],
  ['hospital', "Children's Hospital"],
  ['hospital', 'Perinatal Centre'],
  ['research_centre', 'Research Centre for Maternal and Child Health'],
  ['university', 'Medical University'],
  ['ministry', 'Ministry of Health'],
  ['ngo', 'Foundation for Mothers and Children'],
  ['medical_team', 'Medical Team'],
] as const;

export const placeNames = [
  'North', 'South', 'East', 'West', 'Central', 'Upper', 'Lower', 'Coastal', 'Highland', 'Valley',
  'Lake', 'River', 'Mountain', 'Plains', 'Desert', 'Forest', 'Delta', 'Steppe', 'Oasis', 'Bay',
];

export const givenNames = ['Amina', 'Olga', 'Wei', 'Fatima', 'Dilnoza', 'Maria', 'Li', 'Aziz', 'Ivan', 'Grace', 'Nodira', 'Joao', 'Sara', 'Rustam', 'Elena', 'Chen', 'Zainab', 'Pedro', 'Anna', 'Bekzod'];

export const familyNames = ['Karimova', 'Ivanova', 'Zhang', 'Mussa', 'Petrov', 'Liu', 'Tashkentova', 'Silva', 'Nazarov', 'Kozlova', 'Wang', 'Machel', 'Yusupov', 'Sokolova', 'Chen', 'Abdullaev', 'Banda', 'Morozov', 'Huang', 'Rahimova'];

export const professions = ['Obstetrician', 'Gynaecologist', 'Paediatrician', 'Neonatologist', 'Midwife', 'Anaesthesiologist', 'Nurse educator', 'Epidemiologist'];

export const titles = ['Professor', 'Head of department', 'Chief physician', 'Senior lecturer', 'Consultant', 'Director'];

export const goods = [
  ['masks', 'Medical masks', 'piece'],
  ['test_kits', 'Testing kits', 'set'],
  ['protective_clothing', 'Protective clothing', 'set'],
  ['equipment', 'Ultrasound scanners', 'unit'],
  ['equipment', 'Neonatal incubators', 'unit'],
  ['medicines', 'Oxytocin', 'dose'],
  ['medicines', 'Magnesium sulphate', 'box'],
  ['other', 'Delivery kits', 'kit'],
] as const;
