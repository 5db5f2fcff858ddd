// The Azure half of the DiliTrust CLM connector (docs/admin-guide.md, "Deploy the Azure resources"):
// a Function App on the Flex Consumption plan (Linux, Node 20), its storage account with the queues,
// tables and blob containers the connector uses, Application Insights, and a Key Vault holding the client
// secret and the SCIM token, which the app reads through Key Vault references. The app settings are
// those of shared/spec/connector-api.md ("Settings"); CORS lets the Dynamics web resources call it.
//
//   az deployment group create -g <resource group> -f infra/main.bicep -p @infra/main.parameters.json
//
// Then deploy dist/functions.zip (docs/admin-guide.md).

targetScope = 'resourceGroup'

@description('Short name that prefixes every resource, e.g. contoso-clm (3 to 16 lower-case letters, digits or hyphens).')
@minLength(3)
@maxLength(16)
param baseName string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('URL of the Dynamics 365 environment, e.g. https://contoso.crm4.dynamics.com (DATAVERSE_URL; also the CORS origin of the web resources).')
param dataverseUrl string

@description('Directory (tenant) id of the app registration (AZURE_TENANT_ID).')
param tenantId string = subscription().tenantId

@description('Application (client) id of the app registration (AZURE_CLIENT_ID).')
param clientId string

@secure()
@description('Client secret of the app registration (AZURE_CLIENT_SECRET); stored in Key Vault, never in an app setting.')
param clientSecret string

@description('Authority host of Microsoft Entra ID (AZURE_AUTHORITY_HOST).')
param authorityHost string = 'https://login.microsoftonline.com'

@description('Audience of the connector API (CONNECTOR_AUDIENCE); empty = api://<clientId>.')
param connectorAudience string = ''

@description('CLM SCIM endpoint (SCIM_URL); empty = user provisioning off.')
param scimUrl string = ''

@secure()
@description('Bearer token of the CLM SCIM endpoint (SCIM_TOKEN); stored in Key Vault.')
param scimToken string = ''

@description('Largest number of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

var suffix = uniqueString(resourceGroup().id, baseName)
// Storage account and Key Vault names: lower-case letters and digits only, globally unique.
var storageName = take('st${replace(baseName, '-', '')}${suffix}', 24)
var vaultName = take('kv-${baseName}-${suffix}', 24)
var appName = '${baseName}-func-${suffix}'
var deploymentContainerName = 'app-package'
// The Dynamics origin without a trailing slash or path: what the browser sends as Origin.
var dynamicsOrigin = 'https://${split(replace(dataverseUrl, 'https://', ''), '/')[0]}'

// Built-in role ids (Azure RBAC).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

// ---------------------------------------------------------------- storage

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// The package the Flex Consumption plan runs, and the connector's own state.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
}

// connector-state: the CLM token store and the webhook secrets; clm-webhook-bodies: large webhook bodies.
resource stateContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in ['connector-state', 'clm-webhook-bodies']: {
    parent: blobService
    name: name
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// The webhook queue, the long runs' queue (template sync, user provisioning, contact sync), and the
// poison queue the Functions runtime moves a message to after its fifth failure.
resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for name in ['clm-webhook-events', 'clm-webhook-events-poison', 'connector-runs', 'connector-runs-poison']: {
    parent: queueService
    name: name
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// The long runs and the slot that keeps a kind of run from starting twice (kept 30 days).
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for name in ['connectorruns', 'connectorrunslots']: {
    parent: tableService
    name: name
  }
]

// ---------------------------------------------------------------- monitoring

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// ---------------------------------------------------------------- secrets

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}

resource clientSecretEntry 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'connector-client-secret'
  properties: { value: clientSecret }
}

resource scimTokenEntry 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(scimToken)) {
  parent: vault
  name: 'clm-scim-token'
  properties: { value: scimToken }
}

// ---------------------------------------------------------------- the Function App

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${baseName}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

// A setting whose value Azure reads from Key Vault with the app's identity.
var clientSecretReference = '@Microsoft.KeyVault(SecretUri=${clientSecretEntry.properties.secretUri})'
var scimTokenReference = empty(scimToken) ? '' : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=clm-scim-token)'

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: { name: 'node', version: '20' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        // The web resources run at the Dynamics origin and call the API with a bearer token (no cookies).
        allowedOrigins: [dynamicsOrigin]
        supportCredentials: false
      }
      appSettings: [
        { name: 'AzureWebJobsStorage', value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${storage.listKeys().keys[0].value}' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'DATAVERSE_URL', value: dataverseUrl }
        { name: 'AZURE_TENANT_ID', value: tenantId }
        { name: 'AZURE_CLIENT_ID', value: clientId }
        { name: 'AZURE_CLIENT_SECRET', value: clientSecretReference }
        { name: 'AZURE_AUTHORITY_HOST', value: authorityHost }
        { name: 'CONNECTOR_AUDIENCE', value: empty(connectorAudience) ? 'api://${clientId}' : connectorAudience }
        { name: 'SCIM_URL', value: scimUrl }
        { name: 'SCIM_TOKEN', value: scimTokenReference }
      ]
    }
  }
}

// The app reads its secrets from the vault, and the Flex plan reads its package from the container.
resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionApp.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

resource packageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, storageBlobDataOwnerRoleId)
  scope: storage
  properties: {
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
  }
}

@description('Base URL of the connector API: the value of the Dynamics environment variable dtclm_connector_url.')
output connectorUrl string = 'https://${functionApp.properties.defaultHostName}/api'

@description('Name of the Function App, for az functionapp deployment.')
output functionAppName string = functionApp.name

@description('Name of the Key Vault holding the secrets.')
output keyVaultName string = vault.name
