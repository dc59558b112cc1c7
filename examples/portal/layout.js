// The order of the 登记表's sections and fields, as 附件2 prints them (the schema's properties are in
// alphabetical order). Order only: every section and field the schema has is rendered — one missing here
// comes after the listed ones — and a name listed here that the schema lacks is ignored.
export const ORDER = {
  '': ['basic_info', 'service_info', 'family_members', 'commendations', 'awards', 'punishments', 'education', 'employment',
    'employment_intention', 'entrepreneurship', 'training_intention', 'other_info', 'hukou_registration', 'medical_insurance_transfer'],
  basic_info: ['resettlement_place', 'person_category', 'name', 'id_number', 'gender', 'birth_date', 'ethnicity', 'political_status',
    'education_level', 'health', 'household_registration_place', 'household_category', 'current_address', 'phone', 'is_relocated',
    'relocation_basis', 'disability_level', 'disability_details', 'disability_nature', 'emergency_contact', 'emergency_contact_relation',
    'emergency_contact_employer', 'emergency_contact_phone'],
  service_info: ['enlistment_place', 'enlistment_date', 'discharge_date', 'years_of_service', 'soldier_category', 'is_reserve',
    'discharge_certificate_type', 'discharge_certificate_number', 'firefighter_exit_month', 'hukou_cancelled'],
  family_members: ['relation', 'name', 'id_number', 'phone', 'gender', 'household_registration_place', 'is_accompanying',
    'employment_status', 'labor_capacity'],
  commendations: ['name', 'date'],
  awards: ['award_type', 'date'],
  punishments: ['punishment_type', 'description', 'date'],
  education: ['school', 'major', 'enrolled_before_service', 'study_stage', 'study_major', 'resume_study', 'resume_date',
    'teacher_training_graduate', 'has_teacher_certificate'],
  employment: ['is_employed', 'employment_status', 'personal_annual_income', 'family_annual_income', 'employer_type', 'position_type',
    'employer_name', 'employer_location', 'hire_date', 'industry', 'contract_type'],
  employment_intention: ['has_intention', 'region', 'industry', 'occupation', 'salary'],
  entrepreneurship: ['is_entrepreneur', 'business_type', 'uscc', 'enterprise_name', 'legal_representative',
    'legal_representative_position', 'legal_representative_phone', 'holding', 'industry', 'registered_place', 'founding_date',
    'employees', 'veteran_employees', 'total_assets', 'annual_revenue'],
  training_intention: ['has_intention', 'training_type', 'training_major'],
  other_info: ['bank_name', 'bank_card_number', 'insurance_number', 'housing', 'pension_insurance', 'medical_insurance'],
  hukou_registration: ['settlement_type', 'proposed_address', 'sponsor_name', 'sponsor_id_number', 'household_kind', 'name',
    'id_number', 'original_address', 'marital_status', 'native_place'],
  medical_insurance_transfer: ['start_year', 'start_month', 'end_year', 'end_month', 'paid_months', 'balance_uppercase', 'balance',
    'agency_name', 'registration_date', 'agency_address'],
}

/** `keys` in the order listed for `at` (the section's key; '' for the root), the unlisted ones after. */
export function ordered(at, keys) {
  const order = ORDER[at] || []
  const rank = (k) => {
    const i = order.indexOf(k)
    return i < 0 ? order.length : i
  }
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
}

/** The extra questions a plan needs that the 登记表 does not ask (JSON Pointers into the application schema). */
export const EXTRA = [
  '/applicant/holds_introduction_letter',
  '/situation/military_id_issued',
  '/situation/id_card',
  '/situation/flexible_employment_medical',
  '/dates/return_home_date',
  '/dates/report_date',
]
