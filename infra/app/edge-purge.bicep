// The app may purge the site's Front Door profile and do nothing else there (docs/operations.md). Freshness comes from the
// pages' lifetimes; a withdrawal, a correction or an alias change also purges what it touched. A custom role holds the one
// purge action; its assignable scope is the resource group (a custom role's narrowest), and it is assigned on the profile
// alone. The assignment's name includes the principal id, as app/rbac.bicep's do.

@description('The principal (object) id of the Function App\'s system-assigned identity.')
param principalId string

@description('The Front Door profile in front of the static website.')
param profileName string

resource profile 'Microsoft.Cdn/profiles@2025-06-01' existing = {
  name: profileName
}

resource purgeRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, profile.id, 'covalent-edge-purge')
  properties: {
    roleName: 'Covalent Bond edge purge (${profileName})'
    description: 'Purges cached content from the endpoints of one Front Door profile; nothing else.'
    type: 'customRole'
    permissions: [
      {
        actions: ['Microsoft.Cdn/profiles/afdEndpoints/purge/action']
        notActions: []
      }
    ]
    assignableScopes: [resourceGroup().id]
  }
}

resource purgeAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(profile.id, principalId, purgeRole.id)
  scope: profile
  properties: {
    roleDefinitionId: purgeRole.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
