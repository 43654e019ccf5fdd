package { 'editor': }
package { 'vim': alias => 'editor' }
