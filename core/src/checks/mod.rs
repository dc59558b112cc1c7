//! Field checkers: pure functions over one value each (ID numbers, USCC, phones, bank cards, money in
//! words, division codes). (SCAFFOLD — owned by the field-checks work.)
