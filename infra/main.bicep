// Covalent Bond: everything the publishing backend runs on, in one resource group.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
// See docs/deploy.md for the steps around it (static website, code, Event Grid subscription).

targetScope = 'resourceGroup'

@description('Short name used in resource names (lowercase letters and digits).')
@minLength(3)
@maxLength(11)
param name string = 'covalent'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('The API\'s Application ID URI: the audience of the access tokens it takes (docs/security.md: the app registration and its roles).')
param apiAudience string = 'api://covalent-bond'

@description('How long audit entries are kept unchangeable (days): the audit container\'s time-based retention, with protected append writes.')
@minValue(1)
param auditRetentionDays int = 365

@description('The site settings the Functions read (Site__*).')
param site object = {
  Name: 'Covalent Bond'
  BaseUrl: 'https://www.example.org/'
  Tagline: 'Your humble servant tries to be as unbiased an analyst as possible.'
  Copyright: '© 2025 by COVALENT BOND'
  Culture: 'en-US'
  TimeZone: 'Europe/Belgrade'
  DateFormat: 'M/d/yy'
  LatestCount: '20'
  MaxPostBytes: '1048576'
  Permalink: '/posts/:slug/'
}

@description('The sections named in the page footer, in order (Site__FooterSections__0, __1, ...).')
@maxLength(8)
param footerSections array = [
  'Journalism (Independent)'
  'Commentary'
]

@description('Hosts a post\'s <iframe> may load from beyond the default providers (Site__EmbedHosts__0, __1, ...); the CSP allows them too.')
@maxLength(16)
param extraEmbedHosts array = []

@description('NCRONTAB (six fields) of the sweep that applies scheduled changes the queue missed.')
param scheduleSweepCron string = '0 */5 * * * *'

@description('NCRONTAB of the check for a changed theme or settings (starts a republish).')
param republishCheckCron string = '0 */10 * * * *'

@description('NCRONTAB of the scheduled verify.')
param verifyCron string = '0 30 3 * * *'

@description('Whether the scheduled verify also repairs what it finds.')
param verifyRepairOnSchedule bool = false

@description('The site\'s own host name on Front Door (for example www.covalentbond.example), or empty for none. Declared here so that every deployment keeps it on the route.')
param customDomainHostName string = ''

@description('Most instances the Flex Consumption plan may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

var suffix = uniqueString(resourceGroup().id, name)

// Storage account names take only lowercase letters and digits: `name` is lowercased and anything else
// is dropped, so no value of it can make an invalid account name (its length is checked above).
var storageSafeName = join(filter(map(range(0, length(name)), i => toLower(substring(name, i, 1))), c => contains('abcdefghijklmnopqrstuvwxyz0123456789', c)), '')
var contentAccountName = take('${storageSafeName}content${suffix}', 24)
var siteAccountName = take('${storageSafeName}site${suffix}', 24)
var hostAccountName = take('${storageSafeName}host${suffix}', 24)
var appName = '${name}-fn-${suffix}'
var deploymentContainer = 'app-package'
// One application setting per footer section, as the configuration binder reads a list.
var footerSettings = [for (section, i) in footerSections: { name: 'Site__FooterSections__${i}', value: section }]
// The frames a post may embed (Rendering/EmbedPolicy.DefaultHosts, checked by a test) and the site's own.
var defaultEmbedHosts = [
  'www.youtube-nocookie.com'
  'player.vimeo.com'
  'codepen.io'
  'datawrapper.dwcdn.net'
  'flo.uri.sh'
  'e.infogram.com'
]
var embedSettings = [for (host, i) in extraEmbedHosts: { name: 'Site__EmbedHosts__${i}', value: host }]
var frameSources = join(map(concat(defaultEmbedHosts, extraEmbedHosts), host => 'https://${host}'), ' ')

// ---------------------------------------------------------------------------------------------
// Content storage: sources, theme, the index, queues. No account keys.
// ---------------------------------------------------------------------------------------------
resource content 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: contentAccountName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource contentBlobs 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: content
  name: 'default'
  properties: {
    // No source is ever lost: every overwrite keeps a version, every delete is recoverable.
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: 30 }
    containerDeleteRetentionPolicy: { enabled: true, days: 30 }
    changeFeed: { enabled: true }
  }
}

resource posts 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: contentBlobs
  name: 'posts'
}

resource theme 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: contentBlobs
  name: 'theme'
}

resource locks 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: contentBlobs
  name: 'publish-locks'
}

// Every accepted version of every post's source (history, diff, restore).
resource revisions 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: contentBlobs
  name: 'revisions'
}

// The editor's private drafts (never published, read by their writer alone through the API).
resource drafts 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: contentBlobs
  name: 'drafts'
}

// The audit trail: append blobs the app adds blocks to. The retention policy lets blocks be appended and nothing be
// changed or deleted, by the app's identity or anyone else, until it ends.
resource audit 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: contentBlobs
  name: 'audit'
}

resource auditRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = {
  parent: audit
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditRetentionDays
    allowProtectedAppendWrites: true
  }
}

resource contentTables 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: content
  name: 'default'
}

resource indexTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = {
  parent: contentTables
  name: 'PostIndex'
}

resource summaryTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = {
  parent: contentTables
  name: 'PostIndexSummaries'
}

// Copies of the posts' sources, read a batch at a time by the full republish.
resource sourceCopyTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = {
  parent: contentTables
  name: 'PostIndexSources'
}

resource jobsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = {
  parent: contentTables
  name: 'RepublishJobs'
}

resource contentQueues 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: content
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queue in ['post-schedule', 'post-schedule-poison', 'republish', 'republish-poison', 'webhooks', 'webhooks-poison']: {
    parent: contentQueues
    name: queue
  }
]

// ---------------------------------------------------------------------------------------------
// The static website's own account: the pages readers get, behind Front Door, and nothing else
// (docs/decisions.md "The site's own storage account"). Every page can be rendered again from the
// content account, so no versions are kept: a theme change overwrites every page.
// ---------------------------------------------------------------------------------------------
resource siteStorage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: siteAccountName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource siteBlobs 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: siteStorage
  name: 'default'
  properties: {
    // The static website ($web), as a control-plane property since this API version: no data-plane
    // step after the deployment, and a redeployment cannot leave it switched off.
    staticWebsite: {
      enabled: true
      indexDocument: 'index.html'
      errorDocument404Path: '404.html'
    }
    // A page deleted by mistake (a withdrawn post's, an orphan's) can be brought back for a week.
    deleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

// ---------------------------------------------------------------------------------------------
// The Functions host's own storage (runtime state, the deployment package). No account keys.
// ---------------------------------------------------------------------------------------------
resource hostStorage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: hostAccountName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource hostBlobs 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: hostStorage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: hostBlobs
  name: deploymentContainer
}

// ---------------------------------------------------------------------------------------------
// Monitoring.
// ---------------------------------------------------------------------------------------------
resource logs 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

// ---------------------------------------------------------------------------------------------
// The Function App: Flex Consumption, .NET 10 isolated, managed identity for everything.
// ---------------------------------------------------------------------------------------------
resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          // The container itself, not its name: the app then depends on it, so it exists before the app.
          value: '${hostStorage.properties.primaryEndpoints.blob}${packageContainer.name}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat([
        // The host's storage and telemetry, by identity.
        { name: 'AzureWebJobsStorage__accountName', value: hostStorage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        // The content account, by identity (the code and the blob/queue triggers read the same setting).
        { name: 'ContentStorage__blobServiceUri', value: content.properties.primaryEndpoints.blob }
        { name: 'ContentStorage__tableServiceUri', value: content.properties.primaryEndpoints.table }
        { name: 'ContentStorage__queueServiceUri', value: content.properties.primaryEndpoints.queue }
        { name: 'ContentStorage__credential', value: 'managedidentity' }
        // The static website's own account, by identity.
        { name: 'SiteStorage__blobServiceUri', value: siteStorage.properties.primaryEndpoints.blob }
        { name: 'SiteStorage__credential', value: 'managedidentity' }
        // Who may call the API: Entra ID access tokens of this tenant, for this API (docs/security.md).
        { name: 'Identity__Authority', value: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0' }
        { name: 'Identity__Audience', value: apiAudience }
        { name: 'Identity__TenantId', value: tenant().tenantId }
        { name: 'Storage__SourceContainer', value: posts.name }
        { name: 'Storage__AuditContainer', value: audit.name }
        { name: 'Storage__RevisionContainer', value: revisions.name }
        { name: 'Storage__DraftContainer', value: drafts.name }
        { name: 'Storage__SiteContainer', value: '$web' }
        { name: 'Storage__IndexTable', value: indexTable.name }
        { name: 'Storage__JobsTable', value: jobsTable.name }
        { name: 'ScheduleSweepCron', value: scheduleSweepCron }
        { name: 'RepublishCheckCron', value: republishCheckCron }
        { name: 'VerifyCron', value: verifyCron }
        { name: 'Verify__RepairOnSchedule', value: string(verifyRepairOnSchedule) }
        { name: 'Republish__BatchSize', value: '100' }
        { name: 'Republish__MaxAttempts', value: '5' }
        { name: 'Site__Name', value: site.Name }
        { name: 'Site__BaseUrl', value: site.BaseUrl }
        { name: 'Site__Tagline', value: site.Tagline }
        { name: 'Site__Copyright', value: site.Copyright }
        { name: 'Site__Culture', value: site.Culture }
        { name: 'Site__TimeZone', value: site.TimeZone }
        { name: 'Site__DateFormat', value: site.DateFormat }
        { name: 'Site__LatestCount', value: site.LatestCount }
        { name: 'Site__MaxPostBytes', value: site.MaxPostBytes }
        // The Front Door endpoint a withdrawal, a correction or an alias change purges (docs/operations.md).
        { name: 'FrontDoor__EndpointId', value: endpoint.id }
        { name: 'FrontDoor__ManagementUrl', value: environment().resourceManager }
        // Where articles live (docs/decisions.md#article-addresses); a change republishes and leaves redirects.
        { name: 'Site__Permalink', value: site.?Permalink ?? '/posts/:slug/' }
      ], footerSettings, embedSettings)
    }
  }
}

// The app's identity on both accounts and on Application Insights: no keys anywhere. The assignments
// are named after the principal id (app/rbac.bicep), so a re-created app gets its own.
module access 'app/rbac.bicep' = {
  name: 'app-access'
  params: {
    principalId: app.identity.principalId
    contentAccountName: content.name
    siteAccountName: siteStorage.name
    hostAccountName: hostStorage.name
    insightsName: insights.name
  }
}

// The blob trigger on Flex Consumption is delivered by Event Grid. The system topic is created
// here; its subscription needs the app's blobs_extension key, so the workflow creates it after the
// code is deployed (docs/deploy.md).
resource contentEvents 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${name}-content-events-${suffix}'
  location: location
  properties: {
    source: content.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Front Door Standard in front of the static website.
// ---------------------------------------------------------------------------------------------
var webHost = replace(replace(siteStorage.properties.primaryEndpoints.web, 'https://', ''), '/', '')

resource frontDoor 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: '${name}-fd-${suffix}'
  location: 'global'
  sku: { name: 'Standard_AzureFrontDoor' }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-06-01' = {
  parent: frontDoor
  name: '${name}-${suffix}'
  location: 'global'
  properties: { enabledState: 'Enabled' }
}

// The app purges what a withdrawal, a correction or an alias change touched, and may do nothing else on the profile.
module edgePurge 'app/edge-purge.bicep' = {
  name: 'app-edge-purge'
  params: {
    principalId: app.identity.principalId
    profileName: frontDoor.name
  }
}

resource origins 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: frontDoor
  name: 'static-website'
  properties: {
    loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 }
    healthProbeSettings: { probePath: '/', probeRequestType: 'HEAD', probeProtocol: 'Https', probeIntervalInSeconds: 120 }
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: origins
  name: 'site'
  properties: {
    hostName: webHost
    originHostHeader: webHost
    httpsPort: 443
    priority: 1
    weight: 1000
    enforceCertificateNameCheck: true
  }
}

resource headers 'Microsoft.Cdn/profiles/ruleSets@2025-06-01' = {
  parent: frontDoor
  name: 'SecurityHeaders'
}

resource securityHeaders 'Microsoft.Cdn/profiles/ruleSets/rules@2025-06-01' = {
  parent: headers
  name: 'AddSecurityHeaders'
  properties: {
    order: 1
    conditions: []
    actions: [
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Strict-Transport-Security'
          value: 'max-age=31536000; includeSubDomains'
        }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Content-Security-Policy'
          value: 'default-src \'self\'; img-src \'self\' https: data:; style-src \'self\'; script-src \'none\'; frame-src ${frameSources}; base-uri \'self\'; form-action \'self\'; frame-ancestors \'none\''
        }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'X-Content-Type-Options'
          value: 'nosniff'
        }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Referrer-Policy'
          value: 'strict-origin-when-cross-origin'
        }
      }
    ]
  }
}

// The custom domain with a Front Door managed certificate. A domain attached by hand would be detached
// by the next deployment of the route; declared here and referenced by the route, it stays.
resource customDomain 'Microsoft.Cdn/profiles/customDomains@2025-06-01' = if (!empty(customDomainHostName)) {
  parent: frontDoor
  name: replace(customDomainHostName, '.', '-')
  properties: {
    hostName: customDomainHostName
    tlsSettings: {
      certificateType: 'ManagedCertificate'
      minimumTlsVersion: 'TLS12'
    }
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'site'
  dependsOn: [origin]
  properties: {
    originGroup: { id: origins.id }
    customDomains: empty(customDomainHostName) ? [] : [{ id: customDomain.id }]
    ruleSets: [{ id: headers.id }]
    supportedProtocols: ['Http', 'Https']
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    patternsToMatch: ['/*']
    // The site sets Cache-Control on every blob (pages short-lived, hashed assets immutable): honour it.
    cacheConfiguration: {
      queryStringCachingBehavior: 'IgnoreQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: ['text/html', 'text/css', 'application/rss+xml', 'application/atom+xml', 'application/xml', 'text/plain', 'image/svg+xml']
      }
    }
  }
}

// The API on the site's own address (/api), as /admin and `covalent login --api https://<site>/` call it: one origin
// for the browser, so no CORS. Nothing of it is cached.
resource apiOrigins 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: frontDoor
  name: 'functions'
  properties: {
    loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 }
  }
}

resource apiOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: apiOrigins
  name: 'app'
  properties: {
    hostName: app.properties.defaultHostName
    originHostHeader: app.properties.defaultHostName
    httpsPort: 443
    priority: 1
    weight: 1000
    enforceCertificateNameCheck: true
  }
}

resource apiRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'api'
  // Routes of one endpoint are deployed one after another (Front Door refuses concurrent changes).
  dependsOn: [apiOrigin, route]
  properties: {
    originGroup: { id: apiOrigins.id }
    customDomains: empty(customDomainHostName) ? [] : [{ id: customDomain.id }]
    supportedProtocols: ['Https']
    httpsRedirect: 'Disabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    patternsToMatch: ['/api/*']
  }
}

// The newsroom's editor (/admin, installed by `covalent admin install`): files of the static website, with a CSP of
// its own: its scripts, its API and the sign-in authority (AdminApp.ContentSecurityPolicy in the CLI is the same).
// The sign-in authority's origin in this cloud (https://login.microsoftonline.com in Azure's public cloud).
var signInOrigin = take(environment().authentication.loginEndpoint, length(environment().authentication.loginEndpoint) - 1)
var adminCsp = 'default-src \'self\'; script-src \'self\'; style-src \'self\' \'unsafe-inline\'; img-src \'self\' data: blob: https:; connect-src \'self\' ${signInOrigin}; frame-src \'self\'; form-action \'self\' ${signInOrigin}; frame-ancestors \'none\'; base-uri \'none\'; object-src \'none\''

resource adminHeaders 'Microsoft.Cdn/profiles/ruleSets@2025-06-01' = {
  parent: frontDoor
  name: 'AdminHeaders'
}

resource adminSecurityHeaders 'Microsoft.Cdn/profiles/ruleSets/rules@2025-06-01' = {
  parent: adminHeaders
  name: 'AddAdminHeaders'
  properties: {
    order: 1
    conditions: []
    actions: [
      {
        name: 'ModifyResponseHeader'
        parameters: { typeName: 'DeliveryRuleHeaderActionParameters', headerAction: 'Overwrite', headerName: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: { typeName: 'DeliveryRuleHeaderActionParameters', headerAction: 'Overwrite', headerName: 'Content-Security-Policy', value: adminCsp }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: { typeName: 'DeliveryRuleHeaderActionParameters', headerAction: 'Overwrite', headerName: 'X-Content-Type-Options', value: 'nosniff' }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: { typeName: 'DeliveryRuleHeaderActionParameters', headerAction: 'Overwrite', headerName: 'Referrer-Policy', value: 'same-origin' }
      }
    ]
  }
}

resource adminRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'admin'
  dependsOn: [origin, apiRoute, adminSecurityHeaders]
  properties: {
    originGroup: { id: origins.id }
    customDomains: empty(customDomainHostName) ? [] : [{ id: customDomain.id }]
    ruleSets: [{ id: adminHeaders.id }]
    supportedProtocols: ['Http', 'Https']
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    patternsToMatch: ['/admin', '/admin/*']
    // The install sets Cache-Control on every file (the page revalidated, hashed chunks immutable): honour it.
    cacheConfiguration: {
      queryStringCachingBehavior: 'IgnoreQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: ['text/html', 'text/css', 'text/javascript', 'application/javascript', 'application/json']
      }
    }
  }
}

output functionAppName string = app.name
output contentAccountName string = content.name
output eventGridTopicName string = contentEvents.name
output siteAccountName string = siteStorage.name
output staticWebsiteUrl string = siteStorage.properties.primaryEndpoints.web
output siteUrl string = empty(customDomainHostName) ? 'https://${endpoint.properties.hostName}/' : 'https://${customDomainHostName}/'

@description('The DNS records to create for the custom domain: a TXT record for validation and a CNAME to Front Door.')
output customDomainValidation object = empty(customDomainHostName) ? {} : {
  txtRecord: '_dnsauth.${customDomainHostName}'
  txtValue: customDomain.?properties.?validationProperties.?validationToken ?? ''
  cname: endpoint.properties.hostName
}
