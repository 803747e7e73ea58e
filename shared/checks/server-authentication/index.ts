import { defineCheck } from '../define-check';
import { serverAuthentication } from './catalog';
import { serverAuthenticationDiagnosis } from './diagnosis';

export default defineCheck(serverAuthentication, serverAuthenticationDiagnosis);
