// The Covalent Bond site's values for infra/main.bicep. Copy and edit for another site.
using 'main.bicep'

param name = 'covalent'

param site = {
  Name: 'Covalent Bond'
  BaseUrl: 'https://www.covalentbond.example/'
  Tagline: 'Your humble servant tries to be as unbiased an analyst as possible.'
  Copyright: '© 2025 by COVALENT BOND'
  Culture: 'en-US'
  TimeZone: 'Europe/Belgrade'
  DateFormat: 'M/d/yy'
  LatestCount: '20'
  MaxPostBytes: '1048576'
  Permalink: '/posts/:slug/'
}

param footerSections = [
  'Journalism (Independent)'
  'Commentary'
]

param scheduleSweepCron = '0 */5 * * * *'
param republishCheckCron = '0 */10 * * * *'
param verifyCron = '0 30 3 * * *'
param verifyRepairOnSchedule = false
param maximumInstanceCount = 40
