import type { Rule } from '../rule-kit';

export const clientRules: Rule[] = [];
