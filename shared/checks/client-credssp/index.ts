import { defineCheck } from '../define-check';
import { clientCredSsp } from './catalog';
import { clientCredSspDiagnosis } from './diagnosis';

export default defineCheck(clientCredSsp, clientCredSspDiagnosis);
