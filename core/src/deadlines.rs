//! Due dates of the 9 items (八(九)). (SCAFFOLD — owned by the rules work.)
