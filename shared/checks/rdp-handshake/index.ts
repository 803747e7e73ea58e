import { defineCheck } from '../define-check';
import { rdpHandshake } from './catalog';
import { rdpHandshakeDiagnosis } from './diagnosis';

export default defineCheck(rdpHandshake, rdpHandshakeDiagnosis);
