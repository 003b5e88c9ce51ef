provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

provider "aws" {
  alias  = "west"
  region = "us-west-1"
}
