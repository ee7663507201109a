import { bankEn } from '../i18n/bank.en.ts'
import { bankJa } from '../i18n/bank.ja.ts'
import { i18n } from '../i18n/index.ts'

/**
 * Adds the bank's strings to the app's catalogues when a bank chunk loads (the bank's page, the bank
 * phone tools); company phones never download them. Imported for its effect by those chunks' entry
 * modules, before they render.
 */
i18n.addResourceBundle('ja', 'translation', bankJa, true, false)
i18n.addResourceBundle('en', 'translation', bankEn, true, false)
