import type { ApiClient } from './api-client'
import type { ChatState } from './chat-state'

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T

/** The sidebar's forms: add a contact (which opens the chat), start a group, edit profile and settings. */
export function wireSidebarForms(
  api: ApiClient,
  state: ChatState,
  open: (conversationId: string) => void,
  showError: (message: string) => void,
): void {
  $('#add-contact-form').onsubmit = async (event) => {
    event.preventDefault()
    try {
      const contact = await api.addContact($<HTMLInputElement>('#contact-handle').value)
      state.contacts.set(contact.userId, contact)
      const conversation = await api.createConversation([contact.userId])
      state.conversations.set(conversation.conversationId, conversation)
      open(conversation.conversationId)
    } catch (error) {
      showError((error as Error).message)
    }
  }
  $('#group-form').onsubmit = async (event) => {
    event.preventDefault()
    const memberIds = Array.from(
      document.querySelectorAll<HTMLInputElement>('#contacts input:checked'),
      (box) => box.value,
    )
    try {
      const conversation = await api.createConversation(memberIds, $<HTMLInputElement>('#group-title').value)
      state.conversations.set(conversation.conversationId, conversation)
      open(conversation.conversationId)
    } catch (error) {
      showError((error as Error).message)
    }
  }
  $<HTMLInputElement>('#display-name').value = state.me.displayName
  $<HTMLInputElement>('#about').value = state.me.about
  $<HTMLInputElement>('#read-receipts').checked = state.settings.readReceipts
  $<HTMLInputElement>('#show-last-seen').checked = state.settings.showLastSeen
  $('#profile-form').onsubmit = async (event) => {
    event.preventDefault()
    await api.updateProfile({
      displayName: $<HTMLInputElement>('#display-name').value,
      about: $<HTMLInputElement>('#about').value,
    })
    state.settings = await api.updateSettings({
      readReceipts: $<HTMLInputElement>('#read-receipts').checked,
      showLastSeen: $<HTMLInputElement>('#show-last-seen').checked,
    })
  }
}
