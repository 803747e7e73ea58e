import { defineCheck } from '../define-check';
import { serverCredSsp } from './catalog';
import { serverCredSspDiagnosis } from './diagnosis';

export default defineCheck(serverCredSsp, serverCredSspDiagnosis);
