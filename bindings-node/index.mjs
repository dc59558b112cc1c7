// ESM entry: re-exports the napi-generated CommonJS loader (index.js).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const tuiyi = require('./index.js')

export const {
  Engine,
  isWorkingDay,
  addWorkingDays,
  workingDaysBetween,
  periodEnd,
  checkEligibility,
  requiredMaterials,
  plan,
  validate,
  validateMany,
  dispatch,
  prereview,
  formSchema,
  schema,
  guide,
  conflicts,
  codes,
} = tuiyi
export default tuiyi
