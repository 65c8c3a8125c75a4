// MeioForecast on Azure: the output storage account and the scheduled, sharded planning run as Container Apps Jobs.
// Deploy:  az deployment group create -g <rg> -f infra/azure/main.bicep -p infra/azure/main.parameters.json
// Parameters are documented in infra/README.md. No secret is a parameter: the jobs reach the output container with a
// user-assigned managed identity (Storage Blob Data Contributor on that container only).

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Private blob container of the runs (runs/<run-id>/..., latest.json).')
param outputContainerName string = 'plans'

@description('Output prefix inside the container (e.g. a region); the worker writes <prefix>/runs/... and <prefix>/latest.json.')
param outputPrefix string = 'eu'

@description('Azure Files share holding the input folder (docs/input-format.md), mounted read-only at /input.')
param inputShareName string = 'meio-input'

@description('Days a deleted or overwritten blob stays recoverable (soft delete).')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 14

@description('Container image of the worker (infra/Dockerfile).')
param image string

@description('Cron schedule of the planning run, UTC (minute hour day month weekday).')
param cronExpression string = '0 2 * * *'

@description('Number of shards N: one Container Apps Job per shard, each running meio run --shard i/N.')
@minValue(1)
@maxValue(64)
param shardCount int = 4

@description('vCPU per shard replica (Container Apps consumption: 0.25 steps).')
param cpu string = '1.5'

@description('Memory per shard replica; Container Apps ties it to the vCPU (2Gi per vCPU).')
param memory string = '3Gi'

@description('Seconds a replica may run before it is stopped.')
param replicaTimeoutSeconds int = 7200

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Shared keys stay enabled only because Azure Files volume mounts in Container Apps need the account key.
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

resource outputContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: outputContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource inputShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: inputShareName
  properties: {
    shareQuota: 100
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'meio-worker'
  location: location
}

resource blobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(outputContainer.id, identity.id, storageBlobDataContributor)
  scope: outputContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'meio-env'
  location: location
  properties: {}
}

resource inputStorage 'Microsoft.App/managedEnvironments/storages@2024-03-01' = {
  parent: appEnvironment
  name: 'meio-input'
  properties: {
    azureFile: {
      accountName: storage.name
      accountKey: storage.listKeys().keys[0].value
      shareName: inputShare.name
      accessMode: 'ReadOnly'
    }
  }
}

// Container Apps Jobs give replicas no index, so each shard is its own job with SHARD_INDEX = i; all N fire on the same
// schedule and agree on the run id through --slot (slot time + input fingerprint). With --finalize the shard that
// completes last merges the shards and publishes the run and latest.json.
resource shardJobs 'Microsoft.App/jobs@2024-03-01' = [for i in range(0, shardCount): {
  name: 'meio-plan-shard-${i}'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    blobContributor
    inputStorage
  ]
  properties: {
    environmentId: appEnvironment.id
    configuration: {
      triggerType: 'Schedule'
      replicaTimeout: replicaTimeoutSeconds
      replicaRetryLimit: 2
      scheduleTriggerConfig: {
        cronExpression: cronExpression
        parallelism: 1
        replicaCompletionCount: 1
      }
    }
    template: {
      containers: [
        {
          name: 'meio'
          image: image
          args: [
            'run'
            '--input'
            '/input'
            '--output'
            'https://${storage.name}.blob.${environment().suffixes.storage}/${outputContainerName}/${outputPrefix}'
            '--slot'
            cronExpression
            '--shard'
            '${i}/${shardCount}'
            '--finalize'
            '--lock-wait'
            '60'
          ]
          env: [
            {
              name: 'SHARD_INDEX'
              value: string(i)
            }
            {
              name: 'Storage__ManagedIdentityClientId'
              value: identity.properties.clientId
            }
          ]
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          volumeMounts: [
            {
              volumeName: 'input'
              mountPath: '/input'
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'input'
          storageType: 'AzureFile'
          storageName: inputStorage.name
        }
      ]
    }
  }
}]

@description('Blob endpoint of the output container.')
output outputUri string = 'https://${storage.name}.blob.${environment().suffixes.storage}/${outputContainerName}/${outputPrefix}'

@description('Client id of the managed identity the jobs use.')
output identityClientId string = identity.properties.clientId
