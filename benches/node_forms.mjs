// The inputs of the Node benchmarks (benches/node_bench.mjs, benches/examples/node_loop.mjs): one place, so
// that an instruction count and a timing are taken on the same forms.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** examples/form.json, parsed. */
export const example = JSON.parse(readFileSync(path.join(repo, 'examples', 'form.json'), 'utf8'))

/** 1,000 valid forms, each different (names, addresses, phones, amounts, family). */
export const distinctValidForms = () =>
  Array.from({ length: 1000 }, (_, i) => {
    const f = structuredClone(example)
    f.basic_info.name = ['王晓军', '李明', '张伟', '刘洋', '陈静'][i % 5]
    f.basic_info.current_address = `山西省太原市小店区龙城大街${i + 1}号${(i % 9) + 1}单元${100 + (i % 30)}室`
    f.basic_info.phone = `139${String(10000000 + i * 7919).slice(-8)}`
    f.family_members[i % 2].phone = `138${String(20000000 + i * 104729).slice(-8)}`
    f.employment.family_annual_income = 30000 + i * 37.5
    f.education.major = ['机电一体化技术', '计算机应用技术', '会计', '护理'][i % 4]
    if (i % 3 === 0) f.family_members = f.family_members.slice(0, 1)
    return f
  })
