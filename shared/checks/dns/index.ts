import { defineCheck } from '../define-check';
import { dns } from './catalog';
import { dnsDiagnosis } from './diagnosis';

export default defineCheck(dns, dnsDiagnosis);
