// Every resource type and data source the provider serves, by Terraform type name.
import type { DataSourceType } from "./data-sources/data-source.js";
import { callerIdentity } from "./data-sources/caller-identity.js";
import { iamPolicyDocument } from "./data-sources/iam-policy-document.js";
import { iamPolicyData } from "./data-sources/iam-policy.js";
import { iamRoleData } from "./data-sources/iam-role.js";
import { region } from "./data-sources/region.js";
import { ami } from "./data-sources/ec2-ami.js";
import { availabilityZones } from "./data-sources/ec2-availability-zones.js";
import type { ResourceType } from "./resource.js";
import { withTimeouts } from "./timeouts.js";
import { instance } from "./resources/ec2-instance.js";
import { ebsVolume, volumeAttachment } from "./resources/ec2-ebs.js";
import { securityGroup } from "./resources/ec2-security-group.js";
import { vpcData } from "./data-sources/ec2-vpc.js";
import { keyPair } from "./resources/ec2-key-pair.js";
import { securityGroupRule } from "./resources/ec2-security-group-rule.js";
import { vpcSecurityGroupEgressRule, vpcSecurityGroupIngressRule } from "./resources/ec2-sg-rule.js";
import { securityGroupData, subnetsData } from "./data-sources/ec2-lookups.js";
import { ebsSnapshot, subnet, vpc } from "./resources/ec2-network.js";
import { s3Bucket, s3BucketPolicy, s3BucketPublicAccessBlock, s3BucketVersioning, s3BucketWebsiteConfiguration, s3Object } from "./resources/s3.js";
import { iamAccessKey } from "./resources/iam-access-key.js";
import { iamGroup } from "./resources/iam-group.js";
import { iamGroupPolicy, iamRolePolicy, iamUserPolicy } from "./resources/iam-inline-policy.js";
import { iamInstanceProfile } from "./resources/iam-instance-profile.js";
import { iamGroupMembership, iamUserGroupMembership } from "./resources/iam-membership.js";
import { iamGroupPolicyAttachment, iamRolePolicyAttachment, iamUserPolicyAttachment } from "./resources/iam-policy-attachment.js";
import { iamPolicy } from "./resources/iam-policy.js";
import { iamRole } from "./resources/iam-role.js";
import { iamUser } from "./resources/iam-user.js";

export const resourceTypes: Readonly<Record<string, ResourceType>> = {
  aws_ebs_snapshot: withTimeouts(ebsSnapshot, "create", "delete"),
  aws_ebs_volume: withTimeouts(ebsVolume, "create", "update", "delete"),
  aws_instance: withTimeouts(instance, "create", "read", "update", "delete"),
  aws_key_pair: keyPair,
  aws_s3_bucket: withTimeouts(s3Bucket, "create", "read", "update", "delete"),
  aws_s3_bucket_policy: s3BucketPolicy,
  aws_s3_bucket_public_access_block: s3BucketPublicAccessBlock,
  aws_s3_bucket_versioning: s3BucketVersioning,
  aws_s3_bucket_website_configuration: s3BucketWebsiteConfiguration,
  aws_s3_object: s3Object,
  aws_security_group: withTimeouts(securityGroup, "create", "delete"),
  aws_security_group_rule: withTimeouts(securityGroupRule, "create"),
  aws_subnet: withTimeouts(subnet, "create", "delete"),
  aws_volume_attachment: withTimeouts(volumeAttachment, "create", "delete"),
  aws_vpc: vpc,
  aws_vpc_security_group_egress_rule: vpcSecurityGroupEgressRule,
  aws_vpc_security_group_ingress_rule: vpcSecurityGroupIngressRule,
  aws_iam_access_key: iamAccessKey,
  aws_iam_group: iamGroup,
  aws_iam_group_membership: iamGroupMembership,
  aws_iam_group_policy: iamGroupPolicy,
  aws_iam_group_policy_attachment: iamGroupPolicyAttachment,
  aws_iam_instance_profile: iamInstanceProfile,
  aws_iam_policy: iamPolicy,
  aws_iam_role: iamRole,
  aws_iam_role_policy: iamRolePolicy,
  aws_iam_role_policy_attachment: iamRolePolicyAttachment,
  aws_iam_user: iamUser,
  aws_iam_user_group_membership: iamUserGroupMembership,
  aws_iam_user_policy: iamUserPolicy,
  aws_iam_user_policy_attachment: iamUserPolicyAttachment,
};

export const dataSources: Readonly<Record<string, DataSourceType>> = {
  aws_ami: withTimeouts(ami, "read"),
  aws_availability_zones: withTimeouts(availabilityZones, "read"),
  aws_caller_identity: callerIdentity,
  aws_iam_policy: iamPolicyData,
  aws_iam_policy_document: iamPolicyDocument,
  aws_iam_role: iamRoleData,
  aws_region: region,
  aws_security_group: withTimeouts(securityGroupData, "read"),
  aws_subnets: withTimeouts(subnetsData, "read"),
  aws_vpc: withTimeouts(vpcData, "read"),
};
