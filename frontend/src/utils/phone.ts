/** A phone number as staff type it: digits, spaces and + - ( ), 3 to 30 of them: the PHONE
 * schema of the complaints' and the consultations' API (their schemas.py). */
export const PHONE_PATTERN = /^[0-9+()\- ]{3,30}$/;
