import { departmentRepository, meetingRepository, municipalityRepository, userRepository } from './repository.js';

export type { DepartmentRow, MeetingRow, MunicipalityRow, UserRow } from './repository.js';

// What other modules may use of the tenancy data (municipalities, departments, users, meetings):
// they come through here, never through the repository, so its queries can change without them.

/** Reads: a municipality by id or slug, departments, users and a meeting. */
export const tenancyReads = {
  municipality: municipalityRepository.get,
  municipalityBySlug: municipalityRepository.bySlug,
  department: departmentRepository.get,
  departments: departmentRepository.list,
  user: userRepository.get,
  users: userRepository.list,
  meeting: meetingRepository.get,
};

/** The one write others make: the auth module updating a user's own profile. */
export const tenancyWrites = {
  updateUser: userRepository.update,
};
