# The public messages of the Phala Cloud API and of its HTTP layer, in
# English: the catalog's own words. Each message's id is its code; each
# placeholder is a variable of the same name.

## Module 01: CVM API / Preflight
ERR-01-001 = The requested node is not available
ERR-01-002 = The request contains invalid parameters
ERR-01-003 = The Docker Compose file contains errors
ERR-01-004 = A CVM with name '{ $name }' already exists
ERR-01-005 = Compose hash registration required on-chain
ERR-01-006 = The provided compose hash is invalid or has expired
ERR-01-007 = Transaction verification failed
ERR-01-008 = The compose hash is not allowed by the on-chain contract

## Module 02: Inventory
ERR-02-001 = The requested instance type does not exist
ERR-02-002 = No available resources match your requirements
ERR-02-003 = The selected node does not have enough CPU capacity
ERR-02-004 = The selected node does not have enough memory
ERR-02-005 = The selected node has reached its maximum capacity
ERR-02-006 = The selected node does not have enough GPU resources
ERR-02-007 = The selected node does not have enough GPU resources
ERR-02-008 = The request contains invalid parameters
ERR-02-009 = The configuration parameters are not compatible with each other
ERR-02-010 = The requested operating system image is not available
ERR-02-011 = The requested security configuration is not available on this node
ERR-02-012 = The requested node is not available
ERR-02-013 = The requested operating system image is not available
ERR-02-014 = The requested node is not available
ERR-02-015 = Your account has reached its resource quota

## Module 03: CVM Operations
ERR-03-001 = The requested CVM was not found
ERR-03-002 = Multiple CVMs have the same name in this workspace
ERR-03-005 = The requested CVM was not found

## Module 04: Workspace
ERR-04-001 = Your account balance is too low to create new resources
ERR-04-002 = Your account has reached the maximum number of instances
ERR-04-003 = The requested resources exceed your account limits

## The HTTP layer
HTTP-404 = No route has this path
HTTP-405 = This route does not accept this method
HTTP-408 = The request took too long
HTTP-413 = The request body is larger than { $limit } bytes
