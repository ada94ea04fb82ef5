// The Function App's identity on the content account, the site's account, the host account and Application Insights.
// Each assignment's name includes the principal id: when the app is re-created (a new identity under
// the same name), new assignments are made beside the old ones instead of failing with
// RoleAssignmentUpdateNotPermitted, as names made from the app's resource id would.

@description('The principal (object) id of the Function App\'s system-assigned identity.')
param principalId string

@description('The content storage account (sources, theme, index, queues).')
param contentAccountName string

@description('The static website\'s own storage account.')
param siteAccountName string

@description('The Functions host\'s own storage account.')
param hostAccountName string

@description('The Application Insights component.')
param insightsName string

// Built-in role definitions (ids are the same in every tenant).
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var storageRoles = [roles.blobDataOwner, roles.queueDataContributor, roles.tableDataContributor]

resource content 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: contentAccountName
}

resource siteStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: siteAccountName
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: hostAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource contentAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(content.id, principalId, role)
    scope: content
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

// On the site's account only its blobs: write, read, list and delete pages.
resource siteAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(siteStorage.id, principalId, roles.blobDataContributor)
  scope: siteStorage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
  }
}

resource hostAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(hostStorage.id, principalId, role)
    scope: hostStorage
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource insightsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, principalId, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}
